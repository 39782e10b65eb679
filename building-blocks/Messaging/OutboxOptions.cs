namespace MediationPlatform.Messaging;

public sealed class OutboxOptions
{
    /// <summary>Rows claimed and published (concurrently, with confirms) per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Poll even without a wake-up (other instances' commits, retries that come due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a commit's wake-up, wait this long before the round, so the commits that follow within it are published in the
    /// same round (one claim, one commit for several rows). Adds at most this much to an event's latency; zero: none.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A publish that gets no confirm in this time counts as failed (a publish to a stopped broker hangs otherwise).</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep sent rows as the service's event log (the case service) instead of deleting them after <see cref="SentRetention"/>.</summary>
    public bool KeepSentAsEventLog { get; set; }

    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tests only: runs after the batch was published and before it is marked sent (to simulate a crash there).</summary>
    public Func<IReadOnlyList<OutboxMessage>, Task>? AfterPublishBeforeMark { get; set; }
}
