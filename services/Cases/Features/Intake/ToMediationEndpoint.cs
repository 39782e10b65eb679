using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Numbering;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Intake;

/// <summary>
/// <c>POST /api/cases/{id}/to-mediation</c> (访调 inside the platform): a claim petition moved to people's mediation with
/// both parties' consent. In one transaction the petition is checked and locked, a dispute is made from it (same place,
/// category, parties — their personal data sealed again — source <c>petition_transfer</c>, an intake record of agency
/// <c>petition_office</c> whose number is the petition's), the two are linked and the petition ends <c>transferred</c>.
/// The dispute then takes the assignment ladder like any other; its end is noted on the petition
/// (<see cref="MediationEndedConsumer"/>).
/// </summary>
public static class ToMediationEndpoint
{
    public static void MapToMediation(this RouteGroupBuilder cases) =>
        cases.MapPost("/{id:guid}/to-mediation", Handle)
            .WithName(nameof(CaseAction.ToMediation))
            .WithSummary("Move a claim petition to people's mediation (访调) → transferred, with a linked dispute")
            .WithDescription("Petition officers (and supervisors, admins). Body `{ reason, partiesConsent: true }`. Claims (申诉求决类) only, from " +
                "`registered` or `accepted` (else 409 with `allowedActions`) — 司法部、国家信访局 2025: such matters may be 移交或委托 to people's " +
                "mediation when both parties agree. The petition must name the other party, and that party may not be a government organ " +
                "(people's mediation is for 民间纠纷, 人民调解法 Art. 2): 422 otherwise. Answers 200 with the petition, whose `links` name the new dispute " +
                "(`source: petition_transfer`; an intake record of agency `petition_office`, counted there). The dispute's end is noted on the petition's timeline.")
            .CaseCommand(CaseAction.ToMediation);

    private static Task<IResult> Handle(Guid id, ToMediationCommand request, HttpContext http, CaseStore store, CurrentUser user,
        PartyFactory parties, CancellationToken ct)
    {
        string? number = null; // taken once, kept if the command is run again after a lost race
        return CaseCommands.RunAsync(http, store, user, id, CaseAction.ToMediation, async (petition, ctx, cancel) =>
        {
            var at = petition.CheckMoveToMediation(request, ctx);
            var office = await PetitionOfficeAsync(store.Db, user, petition, cancel)
                ?? throw new CaseRuleException("No petition office", "No petition office serving this place is in the directory: the dispute's intake record needs one.");
            var people = petition.Parties.Select(parties.InputOf).ToList();
            var registration = new RegisterCaseCommand(CaseKind.Dispute, petition.Title, petition.Description, petition.Category, null,
                petition.RegionCode, CaseSource.PetitionTransfer, petition.Channel, at, petition.RiskLevel,
                petition.DeclaredPartyCount > 0 ? petition.DeclaredPartyCount : null, petition.AmountInvolved, people, petition.Number);
            number ??= await CaseNumbers.NextAsync(store.Db, petition.Place, CaseKind.Dispute, at, cancel);
            var dispute = Case.Register(registration, petition.Place, number, parties.CreateAll(people), ctx, null,
                new RegistrationNotes([], Intake: new IntakeOrigin(Guid.CreateVersion7(), office, Agency.PetitionOffice, request.Reason?.Trim())));
            petition.MoveToMediation(request, at, dispute, ctx);
            store.Add(dispute); // the petition is recorded by the command runner; the dispute's "linked_from" notice with it
            return true;
        }, ct);
    }

    /// <summary>The caller's own petition office, else the most local one serving the petition's place (active ones only).</summary>
    private static async Task<Guid?> PetitionOfficeAsync(CasesDbContext db, CurrentUser user, Case petition, CancellationToken ct)
    {
        var offices = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.PetitionOffice && o.Active).ToListAsync(ct);
        if (user.OrganizationId is { } own && offices.Any(o => o.Id == own)) return own;
        return petition.Place.Codes.Select(code => offices.Where(o => o.ServesRegionCodes.Contains(code)).OrderBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault())
            .FirstOrDefault(o => o is not null)?.Id;
    }
}
