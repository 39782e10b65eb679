using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediationPlatform.ServiceDefaults.Hosting;

/// <summary>
/// The one shape of every background worker (the outbox dispatcher, the overdue check, the webhook worker): run a
/// round, again at once while it reports more work waiting, then wait for the interval (or a wake-up) and repeat. A
/// failed round is logged and retried at the next interval; stopping the host ends the loop quietly.
/// </summary>
public abstract class BackgroundLoop(ILogger logger) : BackgroundService
{
    /// <summary>How long to wait between rounds when there is nothing more to do.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One round; true when more work is waiting and the next round should start at once.</summary>
    protected abstract Task<bool> RunRoundAsync(CancellationToken ct);

    /// <summary>Waits for the next round: the interval by default; the outbox dispatcher also wakes on a commit.</summary>
    protected virtual Task WaitAsync(TimeSpan interval, CancellationToken ct) => Task.Delay(interval, ct);

    /// <summary>Runs once after the loop ended (finish work in flight).</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunRoundAsync(stoppingToken) && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "{Worker}: round failed; retrying in {Interval}", GetType().Name, Interval);
            }
            try
            {
                await WaitAsync(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await StoppedAsync();
    }
}
