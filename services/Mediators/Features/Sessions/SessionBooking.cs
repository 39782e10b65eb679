namespace MediationPlatform.Mediators.Features.Sessions;

/// <summary>
/// One booked resource (a mediator or a room) of a session for [startsAt, endsAt). The database column
/// <c>during</c> = <c>tstzrange(starts_at, ends_at, '[)')</c> is generated, and the exclusion constraint
/// <c>session_bookings_no_overlap</c> forbids two overlapping rows for one resource: double booking is impossible
/// even under concurrent requests.
/// </summary>
public sealed class SessionBooking
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid ResourceId { get; set; }
    public BookingResource ResourceKind { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
}
