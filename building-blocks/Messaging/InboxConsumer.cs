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
/// </summary>
public abstract class InboxConsumer<TMessage, TDbContext>(TDbContext db) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>Name under which applied messages are recorded; stable across deployments.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId.");
        var ct = context.CancellationToken;
        var strategy = Db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            Db.ChangeTracker.Clear();
            await using var tx = await Db.Database.BeginTransactionAsync(ct);
            var name = ConsumerName;
            var now = TimeProvider.System.GetUtcNow(); // delivery bookkeeping: the real clock on purpose (ADR 0013)
            var inserted = await InboxMessage.ClaimAsync(Db, messageId, name, now, LockedIds(context.Message), ct);
            if (inserted == 0)
            {
                await tx.RollbackAsync(ct);
                return;
            }

            await ApplyAsync(context.Message, context, ct);
            await Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            Committed(context.Message);
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

    /// <summary>Apply the message to this service's state. Do not call SaveChanges; the base class does, once.</summary>
    protected abstract Task ApplyAsync(TMessage message, ConsumeContext<TMessage> context, CancellationToken ct);
}
