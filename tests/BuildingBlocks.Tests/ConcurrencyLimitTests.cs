using MassTransit;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// A prefetched burst does not start more consumers than <c>RabbitMq:ConcurrentMessageLimit</c> at once (ADR 0017: a burst
/// of 32 consumers on two cores left the HTTP requests waiting in the thread pool).
/// </summary>
public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task A_burst_of_messages_is_consumed_at_most_the_limit_at_a_time()
    {
        var infra = await TestInfrastructure.GetAsync();
        await using var database = await infra.CreateDatabaseAsync("limit");
        await using var vhost = await infra.CreateVirtualHostAsync("limit");
        using var host = await MessagingHarness.StartHostAsync(database, vhost, "lim", x => x.AddConsumer<SlowConsumer>(),
            new() { ["RabbitMq:ConcurrentMessageLimit"] = "3" });
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            await Task.WhenAll(Enumerable.Range(0, 30).Select(i => bus.Publish(MessagingHarness.Event($"burst-{i}"))));
            var done = await Eventually.ValueAsync(() => Task.FromResult(SlowConsumer.Done), n => n >= 30, TimeSpan.FromSeconds(30));
            Assert.True(done == 30, $"all 30 should be consumed; {done} were");
            Assert.True(SlowConsumer.Peak is >= 2 and <= 3, $"at most 3 at a time (and more than one): the peak was {SlowConsumer.Peak}");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class SlowConsumer : IConsumer<RegionRegistered>
    {
        private static int _running;
        public static int Peak;
        public static int Done;

        public async Task Consume(ConsumeContext<RegionRegistered> context)
        {
            var now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = Volatile.Read(ref Peak)) && Interlocked.CompareExchange(ref Peak, now, seen) != seen) { }
            await Task.Delay(100);
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref Done);
        }
    }
}
