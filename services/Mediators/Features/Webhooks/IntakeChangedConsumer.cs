using MassTransit;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>
/// Report-back to the agency that handed a dispute in (三调对接 both ways): <c>intake.assigned</c>, <c>intake.completed</c>
/// and <c>intake.performed</c> go to that organisation's webhook, signed and retried like every webhook, with the
/// delivery log and resend of <c>/api/webhook-deliveries</c>. The record carries no ID numbers or phones; the mediator's
/// name is filled in here, where the directory lives.
/// </summary>
public sealed class IntakeChangedConsumer(MediatorsDbContext db) : InboxConsumer<IntakeChanged, MediatorsDbContext>(db)
{
    protected override async Task ApplyAsync(IntakeChanged m, ConsumeContext<IntakeChanged> context, CancellationToken ct)
    {
        var org = await Db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == m.OrganizationId, ct);
        if (org is null) return; // an organisation the directory no longer has: nobody to tell
        var record = m.Intake;
        var mediatorId = await Db.Cases.AsNoTracking().Where(c => c.CaseId == m.CaseId).Select(c => c.AssignedMediatorId).FirstOrDefaultAsync(ct);
        if (mediatorId is { } id && await Db.Mediators.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync(ct) is { } name)
            record = record with { Case = record.Case with { MediatorName = name } };
        WebhookOutbox.EnqueueIntake(Db, org, m, record);
    }
}
