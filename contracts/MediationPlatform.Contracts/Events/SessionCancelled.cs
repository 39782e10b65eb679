namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A booked session (调解会) was called off before its outcome was recorded; its mediators and room are free again. The reason stays
/// with the session in the mediator service (it may name people); the case service notes the cancellation on the case's
/// timeline. The figures count bookings when they were made (like a session recorded as not held, a cancelled one was
/// scheduled and never held).
/// </summary>
public sealed record SessionCancelled(
    Guid SessionId,
    Guid CaseId,
    DateTimeOffset StartsAt,
    string? RegionCode,
    string? TownCode,
    string? DistrictCode,
    string By,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
