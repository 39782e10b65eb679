using MediationPlatform.Reporting.Features.Projections;

namespace MediationPlatform.Reporting.Features.Rebuild;

/// <summary>An event log to replay: a service (named as in <see cref="ProjectionCatalog"/>) and where it serves /api/event-log.</summary>
public sealed class RebuildSource
{
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
}
