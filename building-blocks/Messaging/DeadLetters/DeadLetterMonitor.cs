using MediationPlatform.ServiceDefaults.Hosting;
using Microsoft.Extensions.Logging;

namespace MediationPlatform.Messaging.DeadLetters;

/// <summary>
/// Counts the parked messages of every error queue of this service every 30 s for the <c>mediation.dead_letters</c> gauge, and logs a warning when a count grows.
/// </summary>
public sealed class DeadLetterMonitor(DeadLetterQueues queues, MessagingMetrics metrics, ILogger<DeadLetterMonitor> logger)
    : BackgroundLoop(logger)
{
    private readonly Dictionary<string, uint> _last = new(StringComparer.Ordinal);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        foreach (var q in await queues.ListAsync(ct))
        {
            metrics.SetDeadLetters(q.ErrorQueue, q.Messages);
            if (q.Messages > _last.GetValueOrDefault(q.Queue))
                logger.LogWarning("{Count} message(s) parked in {ErrorQueue}; see GET /api/admin/dead-letters/{Queue}", q.Messages, q.ErrorQueue, q.Queue);
            _last[q.Queue] = q.Messages;
        }
        return false;
    }
}
