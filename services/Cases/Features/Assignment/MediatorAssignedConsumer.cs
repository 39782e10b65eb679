using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Assignment;

/// <summary>
/// Puts the mediator service's assignment on the case: <c>assignedMediatorId</c>, status <c>assigned</c> (from
/// <c>registered</c>), a timeline entry and CaseUpdated. An assignment older than the one already applied is ignored.
/// </summary>
public sealed class MediatorAssignedConsumer(CasesDbContext db) : InboxConsumer<MediatorAssigned, CasesDbContext>(db)
{
    protected override async Task ApplyAsync(MediatorAssigned m, ConsumeContext<MediatorAssigned> context, CancellationToken ct)
    {
        var c = await Db.Cases.FirstOrDefaultAsync(x => x.Id == m.CaseId, ct)
            ?? throw new InvalidOperationException($"Case {m.CaseId} not found for MediatorAssigned."); // retried, then _error
        if (c.AssignedAt is { } last && m.RecordedAt < last) return; // a late, older assignment
        if (c.Status is not (CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating)) return; // case ended meanwhile

        var now = DateTimeOffset.UtcNow;
        c.AssignedMediatorId = m.MediatorId;
        c.AssignedAt = m.RecordedAt;
        if (c.Status == CaseStatus.Registered) c.Status = CaseStatus.Assigned;
        c.Version++;
        c.UpdatedAt = now;
        Db.Timeline.Add(TimelineEntry.For(c, m.PreviousMediatorId is null ? "assigned" : "reassigned",
            m.Automatic ? "system:assignment" : "mediator-service", m.OccurredAt, now,
            new { mediatorId = m.MediatorId, automatic = m.Automatic, reason = m.Reason }));
        Db.AddOutboxMessage(new CaseUpdated(c.Id, c.Version, m.OccurredAt, now, "assigned", c.Status, c.Category,
            c.RiskLevel, c.AssignedMediatorId));
    }
}
