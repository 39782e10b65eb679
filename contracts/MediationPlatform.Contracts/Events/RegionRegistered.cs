namespace MediationPlatform.Contracts.Events;

/// <summary>A region of the directory (district → town → village/community), with its ancestors resolved.</summary>
public sealed record RegionRegistered(
    string Code,
    string Name,
    RegionKind Kind,
    string? ParentCode,
    string? TownCode,
    string? DistrictCode,
    DateTimeOffset RecordedAt,
    string? ShortName = null);
