using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Messaging;

/// <summary>
/// Base for every consumer: applies a message at most once. In one transaction it records
/// <c>(messageId, consumer)</c> in <c>inbox_messages</c> (<c>ON CONFLICT DO NOTHING</c>: zero rows means this consumer
/// has applied it before, or a concurrent delivery is applying it right now and holds the key), runs
/// <see cref="ApplyAsync"/>, saves (including any outbox rows the handler added) and commits. If anything throws, the
/// whole unit rolls back and MassTransit's retry delivers again.
/// <para>The claim is one round trip, sent straight through Npgsql (positional parameters, no EF command pipeline), and
/// takes the keyed locks the unit will need (<see cref="LockedIds"/>) with it (ADR 0017).</para>
/// <para>Registered for batches (<see cref="InboxBatch{TConsumer, TMessage}"/>), one unit applies many deliveries: one claim for
/// all of them, <see cref="ApplyAllAsync"/> in delivery order, one save, one commit (ADR 0017, eighth session). A batch
/// that fails as a whole is applied again one delivery per unit, so one bad message holds up no other.</para>
/// </summary>
public abstract class InboxConsumer<TMessage, TDbContext>(TDbContext db) : IConsumer<TMessage>, IInboxUnit<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>Name under which applied messages are recorded; stable across deployments.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public Task Consume(ConsumeContext<TMessage> context) => RunUnitAsync([context], context.CancellationToken);

    async Task IInboxUnit<TMessage>.ConsumeAllAsync(IReadOnlyList<ConsumeContext<TMessage>> deliveries, CancellationToken ct)
    {
        try
        {
            await RunUnitAsync(deliveries, ct);
        }
        catch (Exception) when (deliveries.Count > 1 && !ct.IsCancellationRequested)
        {
            // Something in the batch cannot be applied (a case not known yet, a capacity race): each delivery in its own
            // unit, so the others are applied now and only the failing ones go back to MassTransit's retry — with their
            // batch, whose applied deliveries the inbox then drops.
            ExceptionDispatchInfo? first = null;
            foreach (var delivery in deliveries)
            {
                try
                {
                    await RunUnitAsync([delivery], ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    first ??= ExceptionDispatchInfo.Capture(ex);
                }
            }
            first?.Throw();
        }
    }

    /// <summary>One unit of work: claim the deliveries not applied yet, apply them in order, save once, commit.</summary>
    private async Task RunUnitAsync(IReadOnlyList<ConsumeContext<TMessage>> deliveries, CancellationToken ct)
    {
        var ids = deliveries.Select(d => d.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId.")).ToArray();
        var strategy = Db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            Db.ChangeTracker.Clear();
            await using var tx = await Db.Database.BeginTransactionAsync(ct);
            var now = TimeProvider.System.GetUtcNow(); // delivery bookkeeping: the real clock on purpose (ADR 0013)
            var claimed = await InboxMessage.ClaimAsync(Db, ids, ConsumerName, now, deliveries.SelectMany(d => LockedIds(d.Message)), ct);
            // in delivery order, an id delivered twice in one batch once
            var seen = new HashSet<Guid>();
            var work = deliveries.Where((_, i) => claimed.Contains(ids[i]) && seen.Add(ids[i])).ToList();
            if (work.Count == 0)
            {
                await tx.RollbackAsync(ct);
                return;
            }

            await ApplyAllAsync(work, ct);
            await Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            foreach (var delivery in work) Committed(delivery.Message);
        });
    }

    /// <summary>
    /// The ids whose keyed locks (<see cref="ServiceDefaults.Data.KeyLocks"/>) the unit takes anyway — taken here with the claim, in its round
    /// trip; <see cref="ServiceDefaults.Data.KeyLocks.LockAsync"/> of the same ids then costs nothing. None by default.
    /// </summary>
    protected virtual IEnumerable<Guid> LockedIds(TMessage message) => [];

    /// <summary>
    /// Runs after the unit of work committed (not when the message was a duplicate): for signals to in-process workers
    /// that must see the change, e.g. "a mediator has room again".
    /// </summary>
    protected virtual void Committed(TMessage message) { }

    /// <summary>
    /// Applies the claimed deliveries of one unit, in delivery order — one, or a batch's. By default
    /// <see cref="ApplyAsync"/> for each, with one save after all of them: a consumer registered for batches must apply a
    /// message through the statements it runs (a locking read, a counter moved in the database), not through what an
    /// earlier message of the batch left unsaved in the change tracker — or override this to do the batch set-wise.
    /// </summary>
    protected virtual async Task ApplyAllAsync(IReadOnlyList<ConsumeContext<TMessage>> deliveries, CancellationToken ct)
    {
        foreach (var delivery in deliveries) await ApplyAsync(delivery.Message, delivery, ct);
    }

    /// <summary>Apply the message to this service's state. Do not call SaveChanges; the base class does, once.</summary>
    protected abstract Task ApplyAsync(TMessage message, ConsumeContext<TMessage> context, CancellationToken ct);
}

/// <summary>A consumer that can apply many deliveries in one unit of work (<see cref="InboxBatch{TConsumer, TMessage}"/>).</summary>
public interface IInboxUnit<TMessage> where TMessage : class
{
    Task ConsumeAllAsync(IReadOnlyList<ConsumeContext<TMessage>> deliveries, CancellationToken ct);
}
