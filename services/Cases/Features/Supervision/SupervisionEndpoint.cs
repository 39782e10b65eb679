using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Supervision;

/// <summary>
/// <c>GET /api/cases/supervision?regionCode=</c> (督办): the open cases whose running deadline has passed or falls within
/// the next 3 working days, and the referrals still pending whose <c>respondBy</c> has, nearest first.
/// </summary>
public static class SupervisionEndpoint
{
    public const int HorizonWorkingDays = 3;

    public static void MapSupervision(this RouteGroupBuilder group) =>
        group.MapGet("/supervision", List)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor, Roles.PetitionOfficer, Roles.Mediator))
            .WithSummary("Supervision list (督办): overdue and soon-due cases and referrals, nearest deadline first")
            .WithDescription("Cases whose running deadline (mediation, acceptance, conclusion, review) has passed or falls within the next 3 working days (CST, holidays and 调休 counted), and referrals still pending whose `respondBy` does — only what the caller may see; `regionCode` narrows it (a town covers its villages). Paged `{ items, page, pageSize, total }`.");

    private static async Task<IResult> List(string? regionCode, int? page, int? pageSize, CasesDbContext db, CurrentUser user,
        LegalClock clock, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation().MaxLength("regionCode", regionCode, 40);
        var paging = PageRequest.From(page, pageSize, v, maxSize: 200);
        if (!v.IsValid) return v.Problem();
        var now = time.GetUtcNow();
        var horizon = clock.DueAfterWorkingDays(now, HorizonWorkingDays);
        var cases = CaseAccess.Visible(user, db.Cases.AsNoTracking());
        if (!string.IsNullOrEmpty(regionCode)) cases = cases.Within(regionCode);

        var dueCases = cases.Where(c => c.DueAt <= horizon).Select(c => new SupervisionItem("case", c.Id, c.Number, c.Title, c.Kind,
            c.Status, c.RegionCode, c.AssignedMediatorId, c.DueKind!, c.DueAt!.Value, c.DueAt < now, null, null));
        var dueReferrals = cases.SelectMany(c => c.Referrals
            .Where(r => r.Status == ReferralStatus.Pending && r.RespondBy <= horizon)
            .Select(r => new SupervisionItem("referral", c.Id, c.Number, c.Title, c.Kind, c.Status, c.RegionCode, c.AssignedMediatorId,
                CaseDeadline.Referral, r.RespondBy!.Value, r.RespondBy < now, r.Id, r.Agency)));
        // both lists are bounded by the horizon: merged and paged in memory
        var all = (await dueCases.ToListAsync(ct)).Concat(await dueReferrals.ToListAsync(ct))
            .OrderBy(i => i.DueAt).ThenBy(i => i.CaseId).ThenBy(i => i.ReferralId).ToList();
        return TypedResults.Ok(new Paged<SupervisionItem>(all.Skip(paging.Skip).Take(paging.Size).ToList(), paging.Page, paging.Size, all.Count));
    }
}
