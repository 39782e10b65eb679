namespace MediationPlatform.Contracts.Events;

/// <summary>
/// The outcome of a session was recorded: <c>Held</c> false means it was booked but did not take place.
/// Carries the session's record — when it started, where, who mediated, the summary — to the case service, which prints
/// it in the 调解记录 (api.md "Documents"); the reporting service ignores those fields (the summary may name people and
/// stays out of the figures). The four are optional so events stored before them still read.
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
    DateTimeOffset RecordedAt,
    DateTimeOffset? StartsAt = null,
    string? Location = null,
    IReadOnlyList<Guid>? MediatorIds = null,
    string? Summary = null);
