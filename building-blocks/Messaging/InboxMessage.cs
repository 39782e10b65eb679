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
        CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The inbox claim belongs to the unit of work's transaction.");
        var locks = KeyLocks.Missing(db, lockIds);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction())
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                {
                    Parameters = { new() { Value = messageId }, new() { Value = consumer }, new() { Value = now } },
                },
            },
        };
        if (locks.Length > 0) batch.BatchCommands.Add(KeyLocks.Command(locks));
        await batch.ExecuteNonQueryAsync(ct);
        KeyLocks.Taken(db, locks);
        return batch.BatchCommands[0].RecordsAffected;
    }
}
