namespace MediationPlatform.Reporting.Features.Rebuild;

/// <summary>The one rebuild of this instance: idle → running → done | failed.</summary>
public sealed class RebuildState
{
    private readonly Lock _gate = new();
    private RebuildStatus _status = new("idle", 0, 0, null, null, [], null);
    private long _applied;
    private long _read;

    public RebuildStatus Current
    {
        get { lock (_gate) return _status with { EventsApplied = Interlocked.Read(ref _applied), EventsRead = Interlocked.Read(ref _read) }; }
    }

    public bool TryStart(IReadOnlyList<string> sources, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_status.Status == "running") return false;
            Interlocked.Exchange(ref _applied, 0);
            Interlocked.Exchange(ref _read, 0);
            _status = new RebuildStatus("running", 0, 0, now, null, sources, null);
            return true;
        }
    }

    public void Read(int n) => Interlocked.Add(ref _read, n);
    public void Applied(int n) => Interlocked.Add(ref _applied, n);

    public void Finish(DateTimeOffset now, string? error)
    {
        lock (_gate) _status = _status with { Status = error is null ? "done" : "failed", FinishedAt = now, Error = error };
    }
}
