namespace MediationPlatform.Reporting.Features.Rebuild;

public sealed class RebuildOptions
{
    public List<RebuildSource> Sources { get; set; } = [];

    /// <summary>Events per page and per transaction; 5,000 is the most the event log serves in one answer.</summary>
    public int PageSize { get; set; } = 5000;
}
