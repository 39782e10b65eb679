using System.Collections.Concurrent;
using MassTransit;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.Messaging.DeadLetters;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// A batched inbox consumer (<see cref="InboxBatch{TConsumer, TMessage}"/>, ADR 0017): deliveries that arrive together
/// are applied in one unit of work, each once, under the consumer's own queue and inbox names; a message that cannot be
/// applied holds up none of its batch and is parked after its retries, the others applied once.
/// </summary>
public sealed class InboxBatchTests
{
    [Fact]
    public async Task Deliveries_that_arrive_together_are_applied_once_each_in_one_unit_of_work_under_the_consumers_own_queue()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        BatchedCounter.Units.Clear();
        await using var env = await BatchHost.StartAsync();
        var bus = env.Host.Services.GetRequiredService<IBus>();

        // a slow first unit, so the next 40 (and one of them twice, under its own message id) wait in the prefetch
        await bus.Publish(MessagingHarness.Event($"slow-{run}"));
        var twice = NewId.NextGuid();
        var codes = Enumerable.Range(0, 40).Select(i => $"ok-{run}-{i}").ToList();
        await Task.WhenAll(codes.Select(code => bus.Publish(MessagingHarness.Event(code), ctx => { if (code == codes[7]) ctx.MessageId = twice; }))
            .Append(bus.Publish(MessagingHarness.Event(codes[7]), ctx => ctx.MessageId = twice)));

        var applied = await Eventually.ValueAsync(() => env.AppliedAsync($"ok-{run}-"), a => a.Count == 40, TimeSpan.FromSeconds(30));
        Assert.True(applied.Count == 40, $"all 40 should be applied; {applied.Count} were");
        await Task.Delay(300);
        applied = await env.AppliedAsync($"ok-{run}-");
        Assert.True(applied.Values.All(n => n == 1), "each once: " + string.Join(", ", applied.Where(a => a.Value != 1).Select(a => $"{a.Key}={a.Value}")));

        // they were applied in units of many: the 40 waited behind the slow one and came as a batch of up to 32
        Assert.True(BatchedCounter.Units.Max() >= 10, $"the largest unit should hold many deliveries; units: {string.Join(",", BatchedCounter.Units)}");
        var (inbox, stamps) = await env.InboxAsync();
        Assert.Equal(41, inbox); // the slow one and the 40; the copy of codes[7] dropped by the inbox
        Assert.True(stamps < 41, $"one claim per unit: {stamps} distinct claim times for 41 messages");
        // the queue is the consumer's, as if it were not batched
        Assert.Contains("bt-batched-counter", env.Host.Services.GetRequiredService<ReceiveEndpointNames>().All);
    }

    [Fact]
    public async Task A_message_that_cannot_be_applied_holds_up_none_of_its_batch_and_is_parked()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        BatchedCounter.Units.Clear();
        await using var env = await BatchHost.StartAsync();
        var bus = env.Host.Services.GetRequiredService<IBus>();

        await bus.Publish(MessagingHarness.Event($"slow-{run}"));
        var poisonId = NewId.NextGuid();
        var codes = Enumerable.Range(0, 20).Select(i => $"good-{run}-{i}").ToList();
        await Task.WhenAll(codes.Select(code => bus.Publish(MessagingHarness.Event(code)))
            .Append(bus.Publish(MessagingHarness.Event($"poison-{run}"), ctx => ctx.MessageId = poisonId)));

        var applied = await Eventually.ValueAsync(() => env.AppliedAsync($"good-{run}-"), a => a.Count == 20, TimeSpan.FromSeconds(30));
        Assert.True(applied.Count == 20, $"the 20 good ones should be applied despite the poison among them; {applied.Count} were");
        Assert.True(BatchedCounter.Units.Max() >= 10, $"the poison should have arrived in a batch; units: {string.Join(",", BatchedCounter.Units)}");

        var queues = env.Host.Services.GetRequiredService<DeadLetterQueues>();
        // the error queue exists once MassTransit parked something (peeking at a queue not there yet closes the channel)
        var count = await Eventually.ValueAsync(async () => (await queues.ListAsync(default)).Single(q => q.Queue == "bt-batched-counter").Messages,
            n => n > 0, TimeSpan.FromSeconds(30), 100);
        Assert.True(count > 0, "the poison message should be parked after its retries");
        var parked = await Eventually.ValueAsync(() => queues.PeekAsync("bt-batched-counter", 100, default),
            m => m.Any(x => x.MessageId is { } id && Guid.Parse(id) == poisonId), TimeSpan.FromSeconds(30), 100);
        var poison = Assert.Single(parked, x => x.MessageId is { } id && Guid.Parse(id) == poisonId);
        Assert.Contains("poison message", poison.ExceptionMessage); // its own failure, not a batch's
        Assert.Empty(await env.AppliedAsync($"poison-{run}"));

        // what was parked with it had been applied: brought back, it changes nothing (the inbox); the poison is parked again
        await queues.RequeueAsync("bt-batched-counter", null, 100, default);
        await Task.Delay(1500);
        applied = await env.AppliedAsync($"good-{run}-");
        Assert.True(applied.Count == 20 && applied.Values.All(n => n == 1),
            "each good one once after the requeue: " + string.Join(", ", applied.Select(a => $"{a.Key}={a.Value}")));
        Assert.Contains(await Eventually.ValueAsync(() => queues.PeekAsync("bt-batched-counter", 100, default),
            m => m.Any(x => x.MessageId is { } id && Guid.Parse(id) == poisonId), TimeSpan.FromSeconds(30), 100),
            x => x.MessageId is { } id && Guid.Parse(id) == poisonId);
    }

    /// <summary>Applies RegionRegistered in batches: one Applied row per code; "slow" takes 500 ms, "poison" throws.</summary>
    public sealed class BatchedCounter(TestDbContext db) : InboxConsumer<RegionRegistered, TestDbContext>(db)
    {
        public static readonly ConcurrentQueue<int> Units = new();

        protected override Task ApplyAllAsync(IReadOnlyList<ConsumeContext<RegionRegistered>> deliveries, CancellationToken ct)
        {
            Units.Enqueue(deliveries.Count);
            return base.ApplyAllAsync(deliveries, ct);
        }

        protected override async Task ApplyAsync(RegionRegistered m, ConsumeContext<RegionRegistered> context, CancellationToken ct)
        {
            if (m.Code.StartsWith("poison", StringComparison.Ordinal)) throw new InvalidOperationException("poison message");
            if (m.Code.StartsWith("slow", StringComparison.Ordinal)) await Task.Delay(500, ct);
            Db.Applied.Add(new Applied { Key = m.Code, Count = 1 });
        }
    }

    private sealed class BatchHost : IAsyncDisposable
    {
        public required IHost Host { get; init; }
        public required TestDatabase Database { get; init; }
        public required TestVirtualHost VirtualHost { get; init; }

        public static async Task<BatchHost> StartAsync()
        {
            var infra = await TestInfrastructure.GetAsync();
            var database = await infra.CreateDatabaseAsync("batch");
            var vhost = await infra.CreateVirtualHostAsync("batch");
            var host = await MessagingHarness.StartHostAsync(database, vhost, "bt", x => x.AddInboxBatchConsumer<BatchedCounter, RegionRegistered>(),
                new() { ["RabbitMq:RetryIntervalsMs"] = "20,20", ["Outbox:RunDispatcher"] = "false" });
            return new BatchHost { Host = host, Database = database, VirtualHost = vhost };
        }

        public async Task<Dictionary<string, int>> AppliedAsync(string prefix)
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            return await db.Applied.AsNoTracking().Where(a => a.Key.StartsWith(prefix)).ToDictionaryAsync(a => a.Key, a => a.Count);
        }

        public async Task<(int Rows, int Stamps)> InboxAsync()
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var inbox = scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<InboxMessage>().AsNoTracking()
                .Where(m => m.Consumer == nameof(BatchedCounter));
            return (await inbox.CountAsync(), await inbox.Select(m => m.ReceivedAt).Distinct().CountAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync();
            Host.Dispose();
            await Database.DisposeAsync();
            await VirtualHost.DisposeAsync();
        }
    }
}
