using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MediationPlatform.ServiceDefaults.Observability;

namespace MediationPlatform.Messaging;

/// <summary>
/// The messaging instruments of a process (ADR 0016): how far consumers lag behind the events they apply, the outbox's
/// backlog and the age of its oldest unsent row, and the messages parked in each error queue.
/// </summary>
public sealed class MessagingMetrics
{
    private readonly Histogram<double> _lag = Telemetry.Meter.CreateHistogram<double>("mediation.consumer.lag", "ms",
        "Time from an event's publish to the start of its consumption");
    private long _backlog;
    private double _oldestAgeSeconds;
    private readonly ConcurrentDictionary<string, long> _deadLetters = new(StringComparer.Ordinal);

    public MessagingMetrics()
    {
        Telemetry.Meter.CreateObservableGauge("mediation.outbox.backlog", () => Interlocked.Read(ref _backlog), "{message}",
            "Outbox rows not yet published");
        Telemetry.Meter.CreateObservableGauge("mediation.outbox.oldest_age", () => Volatile.Read(ref _oldestAgeSeconds), "s",
            "Age of the oldest unpublished outbox row");
        Telemetry.Meter.CreateObservableGauge("mediation.dead_letters", () => _deadLetters.Select(kv =>
            new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("queue", kv.Key))), "{message}",
            "Messages parked in each error queue of this service");
    }

    public void RecordLag(TimeSpan lag, string messageType) =>
        _lag.Record(Math.Max(0, lag.TotalMilliseconds), new KeyValuePair<string, object?>("message_type", messageType));

    public void SetOutbox(long backlog, DateTimeOffset? oldest, DateTimeOffset now)
    {
        Interlocked.Exchange(ref _backlog, backlog);
        Volatile.Write(ref _oldestAgeSeconds, oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0);
    }

    public void SetDeadLetters(string queue, long messages) => _deadLetters[queue] = messages;
}
