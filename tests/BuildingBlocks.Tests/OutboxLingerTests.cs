using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// The dispatcher's linger (<see cref="OutboxOptions.Linger"/>, ADR 0017): commits that follow a wake-up within the linger
/// are published in the same round — one claim and one commit for all of them — instead of a round per commit.
/// </summary>
public sealed class OutboxLingerTests
{
    [Fact]
    public async Task Commits_within_the_linger_are_published_in_one_round()
    {
        var infra = await TestInfrastructure.GetAsync();
        await using var database = await infra.CreateDatabaseAsync("linger");
        await using var vhost = await infra.CreateVirtualHostAsync("linger");
        // the dispatcher runs on its own; only a commit wakes it (the poll is far away), and it lingers a second
        var host = await MessagingHarness.StartHostAsync(database, vhost, "lg", _ => { },
            new() { ["Outbox:Linger"] = "00:00:01", ["Outbox:PollInterval"] = "00:01:00" });
        try
        {
            await Task.Delay(500); // the dispatcher's first round (at start) is over

            // four commits 100 ms apart: without the linger the first wakes a round of its own at once
            var ids = new List<Guid>();
            for (var i = 0; i < 4; i++)
            {
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
                    ids.Add(db.AddOutboxMessage(MessagingHarness.Event($"linger-{i}")).Id);
                    await db.SaveChangesAsync();
                }
                await Task.Delay(100);
            }

            var sent = await Eventually.ValueAsync(() => SentAtAsync(host.Services, ids), s => s.All(t => t is not null), TimeSpan.FromSeconds(10));
            Assert.True(sent.All(t => t is not null), $"all four rows should be published within 10 s; {sent.Count(t => t is null)} were not");
            // a round marks its rows with its transaction's now(): one distinct time, one round
            var rounds = sent.Distinct().Count();
            Assert.True(rounds == 1, $"the four commits should go out in one round; they went in {rounds}: {string.Join(", ", sent.Select(t => t?.ToString("HH:mm:ss.fff")))}");
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private static async Task<List<DateTimeOffset?>> SentAtAsync(IServiceProvider services, List<Guid> ids)
    {
        await using var scope = services.CreateAsyncScope();
        var rows = scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<OutboxMessage>().AsNoTracking();
        return await rows.Where(m => ids.Contains(m.Id)).Select(m => m.SentAt).ToListAsync();
    }
}
