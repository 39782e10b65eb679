using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// The bus watchdog (ADR 0028): when MassTransit's own recovery stops — a receive endpoint that never consumes again
/// after a broker node died, seen in the clustered-broker drill — the bus is restarted, and nothing is lost or doubled.
/// The stuck endpoint is reported to the watchdog the way MassTransit reports it (a Faulted event with no Ready after
/// it); the restart, the consumption after it and the events written meanwhile are real.
/// </summary>
public sealed class BusWatchdogTests
{
    [Fact]
    public void An_endpoint_is_down_from_its_first_fault_or_a_restart_until_it_is_ready_again_and_publishes_fail_from_the_first_failure()
    {
        var liveness = new MessagingLiveness();
        var endpoint = new Uri("rabbitmq://broker/cases-case-registered");
        liveness.Ready(new Event(endpoint));
        Assert.Empty(liveness.EndpointsDown());

        liveness.Faulted(new Event(endpoint));
        var since = Assert.Single(liveness.EndpointsDown()).Since;
        liveness.Completed(new Event(endpoint)); // a second "down" does not restart the clock
        Assert.Equal(since, Assert.Single(liveness.EndpointsDown()).Since);
        liveness.Ready(new Event(endpoint));
        Assert.Empty(liveness.EndpointsDown());

        // a restart: every endpoint known counts as down until it reports Ready again (one that never does is noticed)
        liveness.PublishFailed(DateTimeOffset.UtcNow);
        liveness.Restarting();
        Assert.Equal(endpoint, Assert.Single(liveness.EndpointsDown()).Endpoint);
        Assert.Null(liveness.PublishFailingSince);
        liveness.Ready(new Event(endpoint));
        Assert.Empty(liveness.EndpointsDown());

        var t = DateTimeOffset.UtcNow;
        liveness.PublishFailed(t);
        liveness.PublishFailed(t.AddSeconds(5));
        Assert.Equal(t.UtcTicks, liveness.PublishFailingSince?.UtcTicks);
        liveness.PublishSucceeded();
        Assert.Null(liveness.PublishFailingSince);
    }

    [Fact]
    public async Task An_endpoint_stuck_down_gets_the_bus_restarted_and_the_events_written_meanwhile_are_applied_once()
    {
        var infra = await TestInfrastructure.GetAsync();
        await using var database = await infra.CreateDatabaseAsync("watchdog");
        await using var vhost = await infra.CreateVirtualHostAsync("watchdog");
        var log = new HostLog();
        using var host = await MessagingHarness.StartHostAsync(database, vhost, "wd", x => x.AddConsumer<InboxedCounter>(),
            new() { ["RabbitMq:RetryIntervalsMs"] = "20,20", ["RabbitMq:RestartBusAfterSeconds"] = "2" }, log);
        try
        {
            var run = $"w{Guid.NewGuid():N}"[..10];
            await WriteAsync(host, run, 0, 20);
            Assert.Equal(20, await Eventually.ValueAsync(() => AppliedAsync(host, run), n => n >= 20, TimeSpan.FromSeconds(30)));

            var liveness = host.Services.GetRequiredService<MessagingLiveness>();
            var consumer = liveness.Endpoints.Single(e => e.AbsolutePath.EndsWith("/wd-inboxed-counter", StringComparison.Ordinal));
            await liveness.Faulted(new Event(consumer)); // what MassTransit reports when the endpoint's receive loop ends
            await WriteAsync(host, run, 20, 40); // during the detection and the restart

            var restarted = await Eventually.ValueAsync(() => Task.FromResult(log.Lines().Count(l => l.Contains("Bus restarted"))),
                n => n >= 1, TimeSpan.FromSeconds(30));
            Assert.True(restarted >= 1, $"the watchdog should restart the bus within seconds of the endpoint stuck down; its log:\n{log.Tail(20)}");
            Assert.Contains(log.Lines(), l => l.Contains("restarting the bus") && l.Contains("wd-inboxed-counter") && l.Contains("not consuming"));

            await WriteAsync(host, run, 60, 20);
            var applied = await Eventually.ValueAsync(() => AppliedAsync(host, run), n => n >= 80, TimeSpan.FromSeconds(60));
            Assert.True(applied == 80, $"all 80 events should be applied after the restart; {applied} were; the log:\n{log.Tail(20)}");
            var down = await Eventually.ValueAsync(() => Task.FromResult(liveness.EndpointsDown()), d => d.Count == 0, TimeSpan.FromSeconds(10));
            Assert.True(down.Count == 0, $"every endpoint should be consuming again: {string.Join(", ", down)}");
            await using var scope = host.Services.CreateAsyncScope();
            var doubled = await scope.ServiceProvider.GetRequiredService<TestDbContext>().Applied.AsNoTracking()
                .Where(a => a.Key.StartsWith(run) && a.Count != 1).Select(a => a.Key).ToListAsync();
            Assert.True(doubled.Count == 0, $"nothing may be applied twice: {string.Join(", ", doubled)}");
            Assert.Equal(1, log.Lines().Count(l => l.Contains("Bus restarted"))); // once healthy, no further restarts
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class Event(Uri address) : ReceiveEndpointReady, ReceiveEndpointFaulted, ReceiveEndpointCompleted
    {
        public Uri InputAddress => address;
        public IReceiveEndpoint ReceiveEndpoint => null!;
        public bool IsStarted => true;
        public Exception Exception => new OperationCanceledException("the receive loop ended");
        public long DeliveryCount => 0;
        public long ConcurrentDeliveryCount => 0;
    }

    private static async Task WriteAsync(IHost host, string run, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            db.AddOutboxMessage(MessagingHarness.Event($"{run}-{i:D4}"));
            await db.SaveChangesAsync();
            await Task.Delay(25);
        }
    }

    private static async Task<int> AppliedAsync(IHost host, string run)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Applied.AsNoTracking().CountAsync(a => a.Key.StartsWith(run));
    }
}
