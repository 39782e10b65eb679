using MediationPlatform.Reporting.Features.Figures;

namespace MediationPlatform.Reporting.Features.Annual;

public sealed record SnapshotResponse(Guid Id, int Year, string? RegionCode, string? RegionName, DateTimeOffset GeneratedAt,
    string Trigger, FigureSet Figures);
