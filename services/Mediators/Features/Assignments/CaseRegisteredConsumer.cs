using MassTransit;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Messaging;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>
/// Remembers every new case and assigns every new dispute (<see cref="AutomaticAssignment"/>). The assignment takes
/// effect as of the case's <c>receivedAt</c> (a back-filled case can then be carried through its back-dated steps). When
/// nobody serving its place has room it enters the capacity queue: <see cref="AssignmentAwaited"/> tells the case
/// service (timeline, supervision list) and <see cref="CapacityQueue"/> assigns it when someone has room.
/// </summary>
public sealed class CaseRegisteredConsumer(MediatorsDbContext db, SaturationLog saturation, TimeProvider time)
    : InboxConsumer<CaseRegistered, MediatorsDbContext>(db)
{
    /// <summary>The case's keyed lock (<see cref="Workload.LockCaseAsync"/>) is taken with the inbox claim.</summary>
    protected override IEnumerable<Guid> LockedIds(CaseRegistered m) => [m.CaseId];

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

        var now = time.GetUtcNow();
        var decision = await AutomaticAssignment.ChooseAsync(Db, caseRef, m.RegisteredByMediatorId, null, ct);
        if (decision.MediatorId is not { } mediatorId)
        {
            caseRef.AwaitingSince = now;
            Db.AddOutboxMessage(new AssignmentAwaited(m.CaseId, m.Number, m.RegionCode, now, now), m.CaseId);
            saturation.NobodyHasRoom(caseRef);
            return;
        }
        // at capacity by now (a supervisor's assignment got there first): the message is retried and chooses again
        if (await AutomaticAssignment.RecordAsync(Db, caseRef, mediatorId, decision.Rung, automatic: true, m.ReceivedAt, now, "system",
                allowOverCapacity: false, ct) is null)
            throw new InvalidOperationException($"Mediator {mediatorId} reached capacity meanwhile; choosing again.");
    }
}
