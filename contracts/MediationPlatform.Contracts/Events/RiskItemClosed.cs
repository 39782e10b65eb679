namespace MediationPlatform.Contracts.Events;

/// <summary>A risk-register item was closed out (销号).</summary>
public sealed record RiskItemClosed(
    Guid RegisterId,
    Guid ItemId,
    string RegionCode,
    string? TownCode,
    string? DistrictCode,
    string By,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
