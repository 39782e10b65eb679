using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Referrals;

/// <summary>
/// <c>GET /api/cases/referrals/{referralId}/parties?purpose=</c>: the parties' names for the agency the referral was
/// routed to — the only personal data that leaves the case service, and only to the receiver that needs it; events and
/// webhooks carry ids. Logged in the access log (<c>referral_parties</c>).
/// </summary>
public static class ReferralPartiesEndpoint
{
    public static void MapReferralParties(this RouteGroupBuilder cases) =>
        cases.MapGet("/referrals/{referralId:guid}/parties", Parties)
            .Produces<List<ReferralParty>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The parties of a referred case, for the agency it was routed to (移送当事人)")
            .WithDescription("Liaisons (people or systems) of the organisation the referral was routed to, supervisors of the case's region, admins; anyone else 404. `purpose` is required and logged with who and when. Names, roles and masked phones — no ID numbers; the accuser of an accusation petition (检举控告) is never included.");

    private static async Task<Results<Ok<List<ReferralParty>>, NotFound, ValidationProblem>> Parties(Guid referralId, [MaxLength(500)] string? purpose, CasesDbContext db, CurrentUser user,
        TimeProvider time, AuditRecorder audit, CancellationToken ct)
    {
        var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == referralId, ct);
        var c = referral is null ? null : await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == referral.CaseId, ct);
        // the agency's liaisons (people or its system), not whoever else belongs to the organisation
        var routedToCaller = referral?.OrganizationId is { } org && user.OrganizationId == org
            && (user.IsIn(Contracts.Roles.PoliceLiaison) || user.IsIn(Contracts.Roles.CourtLiaison) || user.IsIn(Contracts.Roles.PetitionOfficer));
        if (c is null || !(routedToCaller || user.IsAdmin || (user.IsIn(Contracts.Roles.Supervisor) && user.Covers(c.Place))))
            return TypedResults.NotFound();
        if (string.IsNullOrWhiteSpace(purpose) || purpose.Trim().Length < 4 || purpose.Length > 500)
            return ValidationProblems.Problem(new Dictionary<string, string[]> { ["purpose"] = ["'purpose' is required (4–500 characters): why you need the parties; it is logged."] });
        var logId = Guid.CreateVersion7();
        db.AccessLog.Add(new AccessLogEntry
        {
            Id = logId, Kind = AccessLogEntry.ReferralParties, CaseId = c.Id, UserId = user.Id, UserName = user.Name,
            Roles = user.Roles.ToList(), Purpose = purpose.Trim(), At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "unmasked_read", c.Id.ToString(), new { accessLog = logId, what = "referral_parties", referral = referralId }, ct);
        // an accusation's accuser (检举控告 — 信访工作条例 protects them) never leaves with a referral
        var accusation = c.Kind == Contracts.CaseKind.Petition && c.PetitionType == Contracts.PetitionType.Accusation;
        return TypedResults.Ok(c.Parties.Where(p => !(accusation && p.Role == Contracts.PartyRole.Applicant))
            .OrderBy(p => p.Role).ThenBy(p => p.Id).Select(p => new ReferralParty(p.Role, p.Kind, p.Name, p.PhoneMasked)).ToList());
    }
}
