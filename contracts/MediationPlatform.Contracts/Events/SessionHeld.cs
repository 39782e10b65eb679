namespace MediationPlatform.Contracts.Events;

/// <summary>
/// The outcome of a session was recorded: <c>Held</c> false means it was booked but did not take place.
/// Carries no summary text (it may name people); the summary stays in the mediator service.
/// </summary>
public sealed record SessionHeld(
    Guid SessionId,
    Guid CaseId,
    bool Held,
    int AttendeeCount,
    string? RegionCode,
    string? TownCode,
    string? DistrictCode,
    string By,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
