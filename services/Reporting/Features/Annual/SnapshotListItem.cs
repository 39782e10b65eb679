namespace MediationPlatform.Reporting.Features.Annual;

public sealed record SnapshotListItem(Guid Id, int Year, string? RegionCode, string? RegionName, DateTimeOffset GeneratedAt, string Trigger);
