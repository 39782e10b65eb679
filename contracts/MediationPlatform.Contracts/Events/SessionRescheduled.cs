namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A booked session (调解会) was moved to another time (and perhaps place) before its outcome was recorded; its mediators and room
/// stay. The case service notes it on the case's timeline; the figures count bookings when they were made, so they do
/// not change.
/// </summary>
public sealed record SessionRescheduled(
    Guid SessionId,
    Guid CaseId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset PreviousStartsAt,
    DateTimeOffset PreviousEndsAt,
    string? Location,
    string? RegionCode,
    string? TownCode,
    string? DistrictCode,
    string By,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
