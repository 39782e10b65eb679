using System.Diagnostics;
using MediationPlatform.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Messaging;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Adds an event to the outbox of this unit of work. It is written by the same <c>SaveChanges</c> (and so the same
    /// transaction) as the state change; nothing is published if that save or its transaction fails.
    /// </summary>
    public static OutboxMessage AddOutboxMessage(this DbContext db, object message, Guid? aggregateId = null)
    {
        var now = TimeProvider.System.GetUtcNow(); // delivery bookkeeping: the real clock on purpose (ADR 0013)
        var row = new OutboxMessage
        {
            Id = OutboxIds.Next(now), // in the order the events were added: EF inserts a unit of work's rows in key order
            MessageType = EventSerializer.NameOf(message.GetType()),
            Payload = EventSerializer.Serialize(message),
            AggregateId = aggregateId ?? (message as ICaseEvent)?.CaseId,
            CreatedAt = now,
            NextAttemptAt = now,
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null,
        };
        db.Set<OutboxMessage>().Add(row);
        return row;
    }
}
