using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Supervision;

/// <summary>
/// <c>GET /api/cases/supervision?regionCode=</c> (督办): the open cases whose running deadline has passed or falls within
/// the next 3 working days, the referrals still pending whose <c>respondBy</c> has, and the disputes awaiting a mediator
/// with room (<c>awaiting_mediator</c>), nearest first.
/// </summary>
public static class SupervisionEndpoint
{
    public const int HorizonWorkingDays = 3;

    /// <summary>The item type of a dispute waiting for a mediator with room (the mediator service's capacity queue).</summary>
    public const string AwaitingMediator = "awaiting_mediator";

    public static void MapSupervision(this RouteGroupBuilder group) =>
        group.MapGet("/supervision", List)
            .Produces<Paged<SupervisionItem>>().ProducesValidationProblem()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor, Roles.PetitionOfficer, Roles.Mediator))
            .WithSummary("Supervision list (督办): overdue and soon-due cases and referrals, nearest deadline first")
            .WithDescription("Cases whose running deadline (mediation, acceptance, conclusion, review) has passed or falls within the next 3 working days (CST, holidays and 调休 counted), referrals still pending whose `respondBy` does, and disputes nobody could be assigned to yet (`type: awaiting_mediator`, with the case's running deadline; they are assigned automatically, oldest first, as soon as a mediator of their place has room) — only what the caller may see; `regionCode` narrows it (a town covers its villages). Paged `{ items, page, pageSize, total }`.");

    private static async Task<Results<Ok<Paged<SupervisionItem>>, ValidationProblem>> List([MaxLength(40)] string? regionCode, [Range(1, PageRequest.MaxPage)] int? page,
        [Range(1, 200)] int? pageSize, CasesDbContext db, CurrentUser user, LegalClock clock, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation().MaxLength("regionCode", regionCode, 40);
        var paging = PageRequest.From(page, pageSize, v, maxSize: 200);
        if (!v.IsValid) return v.Problem();
        var now = time.GetUtcNow();
        var horizon = clock.DueAfterWorkingDays(now, HorizonWorkingDays);
        var cases = CaseAccess.Visible(user, db.Cases.AsNoTracking());
        if (!string.IsNullOrEmpty(regionCode)) cases = cases.Within(regionCode);

        var dueCases = cases.Where(c => c.DueAt <= horizon && !(c.AwaitingMediatorSince != null && c.AssignedMediatorId == null && c.EndedAt == null)).Select(c => new SupervisionItem("case", c.Id, c.Number, c.Title, c.Kind,
            c.Status, c.RegionCode, c.AssignedMediatorId, c.DueKind!, c.DueAt!.Value, c.DueAt < now, null, null));
        var dueReferrals = cases.SelectMany(c => c.Referrals
            .Where(r => r.Status == ReferralStatus.Pending && r.RespondBy <= horizon)
            .Select(r => new SupervisionItem("referral", c.Id, c.Number, c.Title, c.Kind, c.Status, c.RegionCode, c.AssignedMediatorId,
                CaseDeadline.Referral, r.RespondBy!.Value, r.RespondBy < now, r.Id, r.Agency)));
        // a dispute nobody has room for is never silent (api.md, Intake): listed whatever its deadline, with that deadline
        var awaiting = cases.Where(c => c.AwaitingMediatorSince != null && c.AssignedMediatorId == null && c.EndedAt == null)
            .Select(c => new SupervisionItem(AwaitingMediator, c.Id, c.Number, c.Title, c.Kind, c.Status, c.RegionCode, null,
                c.DueKind ?? CaseDeadline.Mediation, c.DueAt ?? c.AwaitingMediatorSince!.Value, c.DueAt < now, null, null));
        // the lists are bounded (by the horizon; by the mediators' capacity): merged and paged in memory
        var all = (await dueCases.ToListAsync(ct)).Concat(await dueReferrals.ToListAsync(ct)).Concat(await awaiting.ToListAsync(ct))
            .OrderBy(i => i.DueAt).ThenBy(i => i.CaseId).ThenBy(i => i.ReferralId).ToList();
        return TypedResults.Ok(new Paged<SupervisionItem>(all.Skip(paging.Skip).Take(paging.Size).ToList(), paging.Page, paging.Size, all.Count));
    }
}
