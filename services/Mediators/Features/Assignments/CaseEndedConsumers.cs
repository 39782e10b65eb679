using MassTransit;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Messaging;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>
/// A case ended (resolved, unresolved, withdrawn, transferred whole or returned to its agency): its mediator's workload is
/// released (<see cref="Workload.ReleaseAsync"/>) and, once that is committed, the capacity queue is told that this
/// mediator has room again — the oldest dispute waiting in their places is assigned within a second.
/// </summary>
public abstract class CaseEndedConsumer<T>(MediatorsDbContext db, CapacityQueue queue) : InboxConsumer<T, MediatorsDbContext>(db)
    where T : class, ICaseEvent
{
    private Guid? _freed;

    protected override async Task ApplyAsync(T m, ConsumeContext<T> context, CancellationToken ct) =>
        _freed = await Workload.ReleaseAsync(Db, m.CaseId, ct);

    protected override void Committed(T m)
    {
        if (_freed is { } mediatorId) queue.Signal(mediatorId);
    }
}

public sealed class CaseResolvedConsumer(MediatorsDbContext db, CapacityQueue queue) : CaseEndedConsumer<CaseResolved>(db, queue);

public sealed class CaseUnresolvedConsumer(MediatorsDbContext db, CapacityQueue queue) : CaseEndedConsumer<CaseUnresolved>(db, queue);

public sealed class CaseWithdrawnConsumer(MediatorsDbContext db, CapacityQueue queue) : CaseEndedConsumer<CaseWithdrawn>(db, queue);

public sealed class CaseTransferredConsumer(MediatorsDbContext db, CapacityQueue queue) : CaseEndedConsumer<CaseTransferred>(db, queue);
