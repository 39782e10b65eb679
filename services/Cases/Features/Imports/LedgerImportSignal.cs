namespace MediationPlatform.Cases.Features.Imports;

/// <summary>Wakes the import worker when a job was queued, instead of letting it wait for its next poll.</summary>
public sealed class LedgerImportSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already woken
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
