using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using MediationPlatform.ServiceDefaults.Hosting;
using MediationPlatform.ServiceDefaults.Observability;
using Microsoft.Extensions.Logging;

namespace MediationPlatform.Messaging;

/// <summary>
/// What the process knows of its own messaging (ADR 0028): whether each receive endpoint is consuming (the last event
/// MassTransit reported for it: Ready, or Completed/Faulted since when), and since when the outbox's publishes have all
/// been failing.
/// </summary>
public sealed class MessagingLiveness : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<Uri, DateTimeOffset?> _notReadySince = new();
    private long _publishFailingSinceTicks; // 0: the last publish succeeded (or none was tried)

    /// <summary>Every receive endpoint MassTransit has reported on.</summary>
    public IReadOnlyCollection<Uri> Endpoints => [.. _notReadySince.Keys];

    /// <summary>Receive endpoints that have not been consuming since the given time (empty: every endpoint is consuming).</summary>
    public IReadOnlyList<(Uri Endpoint, DateTimeOffset Since)> EndpointsDown() =>
        [.. _notReadySince.Where(kv => kv.Value is not null).Select(kv => (kv.Key, kv.Value!.Value))];

    /// <summary>Since when every publish of the outbox failed; null while publishes succeed.</summary>
    public DateTimeOffset? PublishFailingSince =>
        Interlocked.Read(ref _publishFailingSinceTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public void PublishSucceeded() => Interlocked.Exchange(ref _publishFailingSinceTicks, 0);

    public void PublishFailed(DateTimeOffset now) =>
        Interlocked.CompareExchange(ref _publishFailingSinceTicks, now.UtcTicks, 0);

    /// <summary>
    /// Before a bus restart's start: every endpoint counts as not consuming from now until it reports Ready again (so one
    /// that never comes back is noticed again), and the publishes start with a clean slate.
    /// </summary>
    public void Restarting()
    {
        var now = TimeProvider.System.GetUtcNow();
        foreach (var endpoint in _notReadySince.Keys) _notReadySince[endpoint] = now;
        PublishSucceeded();
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        _notReadySince[ready.InputAddress] = null;
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping)
    {
        Down(stopping.InputAddress);
        return Task.CompletedTask;
    }

    public Task Completed(ReceiveEndpointCompleted completed)
    {
        Down(completed.InputAddress);
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        Down(faulted.InputAddress);
        return Task.CompletedTask;
    }

    // the first "down" after a Ready starts the clock; a second one does not reset it
    private void Down(Uri endpoint) =>
        _notReadySince.AddOrUpdate(endpoint, _ => TimeProvider.System.GetUtcNow(), (_, since) => since ?? TimeProvider.System.GetUtcNow());
}

/// <summary>
/// Restarts the bus when its own recovery stopped (ADR 0028). MassTransit reconnects by itself after a broker node dies —
/// nearly always: in the clustered-broker drill a receive endpoint was seen to stay down for good after the node it was
/// connected to was killed (its receive loop ended on a cancellation that was not a stop; no consumer on the queue ever
/// again, no log line), and once the outbox's publishes hung. Every 5 s this loop asks <see cref="MessagingLiveness"/>:
/// an endpoint not consuming, or every publish failing, for longer than <see cref="RabbitMqSettings.RestartBusAfterSeconds"/>
/// → stop and start the bus (MassTransit 8 supports a restart: it declares the topology and connects afresh). A broker
/// that is simply down is also "not consuming": the restarts then back off (doubling, at most every 5 minutes) and each
/// is logged as a warning and counted (<c>mediation.bus.restarts</c>). Nothing is lost by a restart: unacknowledged
/// deliveries return to the queue, unconfirmed outbox rows are published again, the inbox drops copies.
/// </summary>
public sealed class BusWatchdog(
    IBusControl bus,
    MessagingLiveness liveness,
    RabbitMqSettings settings,
    ILogger<BusWatchdog> logger) : BackgroundLoop(logger)
{
    private static readonly Counter<long> Restarts = Telemetry.Meter.CreateCounter<long>("mediation.bus.restarts", "{restart}",
        "Bus restarts by the watchdog because an endpoint stopped consuming or every publish failed");
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private TimeSpan _backoff = TimeSpan.Zero;
    private DateTimeOffset _lastRestart = DateTimeOffset.MinValue;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow(); // the process's own health: the real clock on purpose (ADR 0013)
        var after = TimeSpan.FromSeconds(settings.RestartBusAfterSeconds);
        var down = liveness.EndpointsDown().Where(e => now - e.Since >= after).ToList();
        var publishFailing = liveness.PublishFailingSince is { } since && now - since >= after ? since : (DateTimeOffset?)null;
        if (down.Count == 0 && publishFailing is null)
        {
            if (now - _lastRestart > MaxBackoff) _backoff = TimeSpan.Zero; // healthy for a while: the next restart is prompt again
            return false;
        }
        if (now - _lastRestart < _backoff) return false;

        var why = string.Join("; ", down.Select(e => $"{e.Endpoint.AbsolutePath.Trim('/')} not consuming since {e.Since:HH:mm:ss}")
            .Concat(publishFailing is { } p ? [$"every publish failing since {p:HH:mm:ss}"] : []));
        logger.LogWarning("Messaging stuck ({Why}); restarting the bus", why);
        Restarts.Add(1);
        _lastRestart = now;
        _backoff = _backoff == TimeSpan.Zero ? after : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
        using var stopTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stopTimeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await bus.StopAsync(stopTimeout.Token);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The bus did not stop cleanly; starting it again anyway");
        }
        liveness.Restarting();
        using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        startTimeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await bus.StartAsync(startTimeout.Token);
            logger.LogWarning("Bus restarted");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // a broker still down: the endpoints go on connecting by themselves; if they never report Ready, the next
            // round notices it again (after the back-off)
            logger.LogWarning(ex, "The bus did not report started within 60 s after its restart");
        }
        return false;
    }
}
