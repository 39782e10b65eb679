using MassTransit;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Intake;

/// <summary>
/// A dispute made from a petition (访调) ended: its end is noted on the petition's timeline ("mediation_ended": resolved,
/// unresolved, withdrawn, returned — with the agreement or the reason), so the petition officer sees how the matter
/// closed. The petition is found through the dispute's <c>related</c> link back to it.
/// </summary>
public sealed class MediationEndedConsumer(CasesDbContext db, CaseStore store) : InboxConsumer<IntakeChanged, CasesDbContext>(db)
{
    protected override async Task ApplyAsync(IntakeChanged m, ConsumeContext<IntakeChanged> context, CancellationToken ct)
    {
        if (m.Event != IntakeChanged.Completed || m.Intake.Agency != Agency.PetitionOffice) return;
        var petitionIds = await Db.Links.AsNoTracking()
            .Where(l => l.LinkedCaseId == m.CaseId && l.Relation == CaseRelation.Related).Select(l => l.CaseId).ToListAsync(ct);
        foreach (var id in petitionIds)
        {
            var petition = await store.LoadForNoticeAsync(id, ct);
            if (petition is not { Kind: CaseKind.Petition }) continue;
            petition.NoteMediationEnded(m.Intake, store.Context("system:intake"));
            store.Record(petition);
        }
    }
}
