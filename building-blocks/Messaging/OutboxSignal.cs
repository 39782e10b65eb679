namespace MediationPlatform.Messaging;

/// <summary>
/// Wakes the dispatcher when a transaction that may have written outbox rows commits, so events leave within
/// milliseconds instead of at the next poll. A spurious wake-up costs one empty query; a missed one costs one poll interval.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        // At most one pending wake-up: several commits during one dispatch round need only one more round.
        try { _semaphore.Release(); } catch (SemaphoreFullException) { }
    }

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => await _semaphore.WaitAsync(timeout, ct);
}
