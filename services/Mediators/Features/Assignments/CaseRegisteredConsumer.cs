using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>
/// Remembers every new case and assigns every new dispute by <see cref="AssignmentPolicy"/>. The assignment takes
/// effect as of the case's <c>receivedAt</c> (a back-filled case can then be carried through its back-dated steps).
/// </summary>
public sealed class CaseRegisteredConsumer(MediatorsDbContext db, ILogger<CaseRegisteredConsumer> logger)
    : InboxConsumer<CaseRegistered, MediatorsDbContext>(db)
{
    protected override async Task ApplyAsync(CaseRegistered m, ConsumeContext<CaseRegistered> context, CancellationToken ct)
    {
        var known = await Workload.LockCaseAsync(Db, m.CaseId, ct);
        if (known is { Placeholder: false }) return;
        var caseRef = known ?? new CaseRef { CaseId = m.CaseId };
        caseRef.Kind = m.Kind;
        caseRef.Number = m.Number;
        caseRef.RegionCode = m.RegionCode;
        caseRef.TownCode = m.TownCode;
        caseRef.DistrictCode = m.DistrictCode;
        caseRef.Category = m.Category;
        caseRef.RiskLevel = m.RiskLevel;
        caseRef.ReceivedAt = m.ReceivedAt;
        caseRef.Version = m.Version;
        if (known is not null)
        {
            // it ended before we heard of it: remember it, assign nobody
            caseRef.Placeholder = false;
            return;
        }
        Db.Cases.Add(caseRef);
        if (m.Kind != CaseKind.Dispute) return; // petitions are handled by petition officers, not assigned here

        var codes = caseRef.Place.Codes;
        var mediators = await Db.Mediators.AsNoTracking()
            .Where(x => x.Active && x.RegionCodes.Any(r => codes.Contains(r)))
            .ToListAsync(ct);
        var decision = AssignmentPolicy.Choose(
            new CaseToAssign(m.RegionCode, m.TownCode, m.DistrictCode, m.Category, m.RiskLevel, m.RegisteredByMediatorId),
            mediators.Select(x => new MediatorCandidate(x.Id, x.Kind, x.RegionCodes, x.Specialties, x.MaxActiveCases,
                x.ActiveCases, x.LastAssignedAt, x.Active)).ToList());
        if (decision.MediatorId is not { } mediatorId)
        {
            logger.LogInformation("Case {Number} could not be assigned automatically: nobody qualifies", m.Number);
            return;
        }

        var now = DateTimeOffset.UtcNow;
        // at capacity by now (a supervisor's assignment got there first): the message is retried and chooses again
        if (!await Workload.TakeAsync(Db, mediatorId, now, allowOverCapacity: false, ct))
            throw new InvalidOperationException($"Mediator {mediatorId} reached capacity meanwhile; choosing again.");
        caseRef.AssignedMediatorId = mediatorId;
        var assignment = new Assignment
        {
            Id = Guid.CreateVersion7(),
            CaseId = m.CaseId,
            MediatorId = mediatorId,
            Automatic = true,
            Reason = decision.Rung,
            AssignedAt = m.ReceivedAt,
            RecordedAt = now,
            AssignedBy = "system",
        };
        Db.Assignments.Add(assignment);
        Db.AddOutboxMessage(new MediatorAssigned(m.CaseId, assignment.Id, mediatorId, null, true, decision.Rung,
            assignment.AssignedAt, now), m.CaseId);
    }
}
