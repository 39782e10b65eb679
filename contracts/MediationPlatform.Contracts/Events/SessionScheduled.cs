namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A mediation session (调解会) was booked for a case. <c>RegionCode</c>, <c>TownCode</c> and <c>DistrictCode</c> are the
/// case's place as the mediator service knows it (from <see cref="CaseRegistered"/>), so reporting can count sessions by region.
/// </summary>
public sealed record SessionScheduled(
    Guid SessionId,
    Guid CaseId,
    IReadOnlyList<Guid> MediatorIds,
    Guid? RoomId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? RegionCode,
    string? TownCode,
    string? DistrictCode,
    string By,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
