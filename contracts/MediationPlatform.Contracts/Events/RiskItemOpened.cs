namespace MediationPlatform.Contracts.Events;

/// <summary>
/// An item was entered in a risk register (风险隐患台账). <c>RegionCode</c> is the register's region; <c>TownCode</c>
/// and <c>DistrictCode</c> its ancestors, so reporting rolls items up. No description text (it may name people).
/// </summary>
public sealed record RiskItemOpened(
    Guid RegisterId,
    Guid ItemId,
    int RegisterYear,
    RiskLevel Level,
    Guid? CaseId,
    string RegionCode,
    string? TownCode,
    string? DistrictCode,
    string By,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
