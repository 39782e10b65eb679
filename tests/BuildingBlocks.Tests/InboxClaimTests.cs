using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// The inbox claim and the keyed locks it takes in the same round trip (ADR 0017): the claim records the message once,
/// the locks are really held by the transaction until it ends, and code that asks for them again sends nothing.
/// </summary>
public sealed class InboxClaimTests(MessagingHarness h) : IClassFixture<MessagingHarness>
{
    /// <summary>Whether another session can take the key now (a transaction-scoped try, released at once).</summary>
    private async Task<bool> FreeAsync(long key)
    {
        await using var other = new NpgsqlConnection(h.Database.ConnectionString);
        await other.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", other) { Parameters = { new() { Value = key } } };
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_claim_records_the_message_once_and_holds_its_keys_until_the_transaction_ends()
    {
        var messageId = Guid.CreateVersion7();
        var caseId = Guid.CreateVersion7();
        var key = KeyLocks.KeyOf(caseId);
        await h.WithDbAsync(async db =>
        {
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var claimed = await InboxMessage.ClaimAsync(db, messageId, "ClaimProbe", DateTimeOffset.UtcNow, [caseId], default);
                Assert.Equal(1, claimed);
                Assert.False(await FreeAsync(key), "the claim's transaction should hold the case's key");
                Assert.Empty(KeyLocks.Missing(db, [caseId]));
                // asked for again (what CaseFactSet and Workload do after the claim): nothing is missing, so nothing is
                // sent, and the key stays held; another id is still missing
                await KeyLocks.LockAsync(db, [caseId], default);
                Assert.False(await FreeAsync(key));
                Assert.Single(KeyLocks.Missing(db, [caseId, Guid.CreateVersion7()]));
                await tx.CommitAsync();
            }
            Assert.True(await FreeAsync(key), "the key should be free once the transaction committed");

            await using (var again = await db.Database.BeginTransactionAsync())
            {
                Assert.Single(KeyLocks.Missing(db, [caseId])); // a new transaction holds nothing yet
                var claimed = await InboxMessage.ClaimAsync(db, messageId, "ClaimProbe", DateTimeOffset.UtcNow, [caseId], default);
                Assert.Equal(0, claimed); // applied before
                var other = await InboxMessage.ClaimAsync(db, messageId, "OtherConsumer", DateTimeOffset.UtcNow, [], default);
                Assert.Equal(1, other); // another consumer's record of the same message
                await again.RollbackAsync();
            }
            Assert.True(await FreeAsync(key), "a rolled-back claim should leave the key free");
            return 0;
        });
        var rows = await h.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task A_claim_outside_a_transaction_is_refused()
    {
        var error = await h.WithDbAsync(db => Assert.ThrowsAsync<InvalidOperationException>(
            () => InboxMessage.ClaimAsync(db, Guid.CreateVersion7(), "ClaimProbe", DateTimeOffset.UtcNow, [], default)));
        Assert.Contains("transaction", error.Message, StringComparison.Ordinal);
    }
}
