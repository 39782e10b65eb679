namespace MediationPlatform.Reporting.Features.Rebuild;

/// <summary>
/// One rebuild of the projections, as every replica sees it (the in-memory <see cref="RebuildState"/> is one process's
/// progress): <c>running</c> while the runner holds the rebuild lock, then <c>done</c> or <c>failed</c>. While the newest
/// run is not done the projections are incomplete and the figures answer 503 (<see cref="FiguresGuard"/>).
/// </summary>
public sealed class RebuildRun
{
    public const string Running = "running", Done = "done", Failed = "failed";

    public Guid Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string Status { get; set; } = Running;
    public string? Error { get; set; }
}
