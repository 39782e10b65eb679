using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MediationPlatform.Messaging;

/// <summary>A message a consumer has applied: (message id, consumer). Written in the consumer's own transaction.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>
    /// Records (<paramref name="messageId"/>, <paramref name="consumer"/>) in the current transaction's inbox — 1: claimed,
    /// 0: applied before, or being applied by a concurrent delivery that holds the row — and takes the keyed locks of
    /// <paramref name="lockIds"/> (<see cref="KeyLocks"/>) the transaction does not hold yet, in the same round trip: one
    /// batch straight through Npgsql (positional parameters, no EF command pipeline; ADR 0017).
    /// </summary>
    public static async Task<int> ClaimAsync(DbContext db, Guid messageId, string consumer, DateTimeOffset now, IEnumerable<Guid> lockIds,
        CancellationToken ct) =>
        (await ClaimAsync(db, [messageId], consumer, now, lockIds, ct)).Count;

    /// <summary>
    /// The same for a batch of deliveries (<see cref="InboxBatch{TConsumer, TMessage}"/>): records every id not applied yet, takes
    /// the keyed locks of all of them, in one round trip, and returns the ids it claimed (an id twice in the batch is
    /// claimed once). One id uses the single-row statement the consumers have always sent.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> ClaimAsync(DbContext db, IReadOnlyList<Guid> messageIds, string consumer, DateTimeOffset now,
        IEnumerable<Guid> lockIds, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The inbox claim belongs to the unit of work's transaction.");
        var locks = KeyLocks.Missing(db, lockIds);
        var claim = messageIds.Count == 1
            ? new NpgsqlBatchCommand("INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            {
                Parameters = { new() { Value = messageIds[0] }, new() { Value = consumer }, new() { Value = now } },
            }
            : new NpgsqlBatchCommand("""
                INSERT INTO inbox_messages (message_id, consumer, received_at)
                SELECT DISTINCT id, $2, $3 FROM unnest($1::uuid[]) AS id
                ON CONFLICT DO NOTHING RETURNING message_id
                """)
            {
                Parameters = { new() { Value = messageIds.ToArray() }, new() { Value = consumer }, new() { Value = now } },
            };
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction())
        {
            BatchCommands = { claim },
        };
        if (locks.Length > 0) batch.BatchCommands.Add(KeyLocks.Command(locks));
        HashSet<Guid> claimed = [];
        if (messageIds.Count == 1)
        {
            await batch.ExecuteNonQueryAsync(ct);
            if (claim.RecordsAffected == 1) claimed.Add(messageIds[0]);
        }
        else
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) claimed.Add(reader.GetGuid(0));
            while (await reader.NextResultAsync(ct)) { } // the locks: an error there surfaces here
        }
        KeyLocks.Taken(db, locks);
        return claimed;
    }
}
