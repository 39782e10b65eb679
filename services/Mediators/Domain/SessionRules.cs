using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Features.Assignments;
using MediationPlatform.Mediators.Features.Mediators;
using MediationPlatform.Mediators.Features.Organizations;
using MediationPlatform.Mediators.Features.Sessions;

namespace MediationPlatform.Mediators.Domain;

/// <summary>
/// Booking a mediation session (调解会) and recording its outcome, without a database. Double booking means one mediator
/// or one room in two sessions whose half-open intervals overlap (<see cref="Overlaps"/>: a session may start exactly when
/// another ends); only the database sees concurrent bookings, so its exclusion constraint over the booking rows
/// (<see cref="SessionBooking"/>, ADR 0007) is what refuses one — these rules make the rows it checks.
/// </summary>
public static class SessionRules
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(12);
    public const int MaxMediators = 10;

    /// <summary>The request on its own: what is required, the interval, how many mediators (distinct, in request order).</summary>
    public static Validation CheckRequest(ScheduleSessionRequest r, DateTimeOffset now, out List<Guid> mediatorIds)
    {
        var v = new Validation();
        if (r.CaseId is null) v.Add("caseId", "'caseId' is required.");
        CheckInterval(v, r.StartsAt, r.EndsAt);
        v.MaxLength("location", r.Location, 200);
        v.NotInFuture("occurredAt", r.OccurredAt, now);
        mediatorIds = (r.MediatorIds ?? []).Distinct().ToList();
        if (mediatorIds.Count == 0) v.Add("mediatorIds", "At least one mediator is required.");
        else if (mediatorIds.Count > MaxMediators) v.Add("mediatorIds", $"At most {MaxMediators} mediators.");
        return v;
    }

    /// <summary>Why the case takes no session (answered 409), or null.</summary>
    public static string? Refusal(CaseRef c) => c.Closed ? "No sessions for a case that has ended." : null;

    /// <summary>
    /// The people and the room against the case (<see cref="Eligibility"/>), and the booking's own date: not before the
    /// case was received. <paramref name="found"/> are the mediators that exist among <paramref name="mediatorIds"/>.
    /// </summary>
    public static Validation CheckParticipants(Validation v, CaseRef c, DateTimeOffset bookedAt, IReadOnlyList<Guid> mediatorIds,
        IReadOnlyCollection<Mediator> found, Guid? roomId, Organization? room)
    {
        if (bookedAt < c.ReceivedAt) v.Add("occurredAt", "'occurredAt' may not lie before the case was received.");
        foreach (var id in mediatorIds)
            if (Eligibility.WhyNot(found.FirstOrDefault(m => m.Id == id), c.Place) is { } why) v.Add("mediatorIds", $"Mediator '{id}' {why}.");
        if (roomId is not null && Eligibility.WhyNotRoom(room, c.Place) is { } whyRoom)
            v.Add("roomId", $"The room {whyRoom}.");
        return v;
    }

    /// <summary>The session, one booking row per mediator and for the room, and the event that tells the case service.</summary>
    public static (Session Session, SessionScheduled Scheduled) Book(ScheduleSessionRequest r, CaseRef c, IReadOnlyList<Guid> mediatorIds,
        string by, DateTimeOffset bookedAt, DateTimeOffset now)
    {
        var startsAt = r.StartsAt!.Value;
        var endsAt = r.EndsAt!.Value;
        var session = new Session
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.CaseId,
            MediatorIds = [.. mediatorIds],
            RoomId = r.RoomId,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Location = string.IsNullOrWhiteSpace(r.Location) ? null : r.Location.Trim(),
            RegionCode = c.RegionCode,
            TownCode = c.TownCode,
            DistrictCode = c.DistrictCode,
            ScheduledBy = by,
            CreatedAt = now,
        };
        foreach (var (id, kind) in Resources(session))
            session.Bookings.Add(new SessionBooking
            {
                Id = Guid.CreateVersion7(), SessionId = session.Id, ResourceId = id, ResourceKind = kind, StartsAt = startsAt, EndsAt = endsAt,
            });
        return (session, new SessionScheduled(session.Id, c.CaseId, [.. mediatorIds], session.RoomId, startsAt, endsAt,
            c.RegionCode, c.TownCode, c.DistrictCode, by, bookedAt, now));
    }

    /// <summary>What a session occupies: each mediator and the room.</summary>
    public static IReadOnlyList<(Guid Id, BookingResource Kind)> Resources(Session s)
    {
        var resources = s.MediatorIds.Select(id => (id, BookingResource.Mediator)).ToList();
        if (s.RoomId is { } room) resources.Add((room, BookingResource.Room));
        return resources;
    }

    /// <summary>Whether two bookings of one resource collide: half-open intervals [start, end) that share a moment.</summary>
    public static bool Overlaps(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd) =>
        aStart < bEnd && bStart < aEnd;

    /// <summary>Why the outcome cannot be recorded (answered 409: once per session, never for a cancelled one), or null.</summary>
    public static string? RecordRefusal(Session s) =>
        s.CancelledAt is not null ? "The session was cancelled; it has no outcome."
        : s.Held is not null ? "The outcome of this session was recorded already." : null;

    /// <summary>Why the session can no longer be moved or cancelled (answered 409), or null: only a standing session can.</summary>
    public static string? ChangeRefusal(Session s) =>
        s.CancelledAt is not null ? "The session was cancelled already."
        : s.Held is not null ? "The outcome of this session was recorded; it can no longer be moved or cancelled." : null;

    /// <summary>A cancellation: a reason (≤ 500 characters) and an <c>occurredAt</c> not in the future.</summary>
    public static Validation CheckCancel(CancelSessionRequest r, DateTimeOffset at, DateTimeOffset now)
    {
        var v = new Validation().NotInFuture("occurredAt", at, now);
        v.Require("reason", r.Reason, 500);
        return v;
    }

    /// <summary>
    /// Calls the session off: its booking rows go (the mediators and the room are free again at once), the reason stays
    /// with the session, and the event tells the case service (timeline).
    /// </summary>
    public static SessionCancelled Cancel(Session s, string reason, string by, DateTimeOffset at, DateTimeOffset now)
    {
        s.CancelledAt = at;
        s.CancelledBy = by;
        s.CancelReason = reason.Trim();
        s.Bookings.Clear();
        return new SessionCancelled(s.Id, s.CaseId, s.StartsAt, s.RegionCode, s.TownCode, s.DistrictCode, by, at, now);
    }

    /// <summary>A new time (and perhaps place): the interval as when booking, <c>occurredAt</c> not in the future.</summary>
    public static Validation CheckReschedule(RescheduleSessionRequest r, DateTimeOffset at, DateTimeOffset now)
    {
        var v = new Validation().NotInFuture("occurredAt", at, now);
        CheckInterval(v, r.StartsAt, r.EndsAt);
        v.MaxLength("location", r.Location, 200);
        return v;
    }

    /// <summary>A session's interval, when booked or moved: both ends given, the end after the start, at most 12 hours.</summary>
    private static void CheckInterval(Validation v, DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        if (startsAt is null) v.Add("startsAt", "'startsAt' is required.");
        if (endsAt is null) v.Add("endsAt", "'endsAt' is required.");
        if (startsAt is { } s && endsAt is { } e)
        {
            if (e <= s) v.Add("endsAt", "'endsAt' must lie after 'startsAt'.");
            else if (e - s > MaxLength) v.Add("endsAt", "A session lasts at most 12 hours.");
        }
    }

    /// <summary>
    /// Moves the session and every booking row with it (the database checks the new interval against the other
    /// bookings); the same mediators and room. Null when nothing changes (the same time and place: no event).
    /// </summary>
    public static SessionRescheduled? Reschedule(Session s, RescheduleSessionRequest r, string by, DateTimeOffset at, DateTimeOffset now)
    {
        var (startsAt, endsAt) = (r.StartsAt!.Value, r.EndsAt!.Value);
        var location = r.Location is null ? s.Location : string.IsNullOrWhiteSpace(r.Location) ? null : r.Location.Trim();
        if (startsAt == s.StartsAt && endsAt == s.EndsAt && location == s.Location) return null;
        var (previousStart, previousEnd) = (s.StartsAt, s.EndsAt);
        (s.StartsAt, s.EndsAt, s.Location) = (startsAt, endsAt, location);
        foreach (var b in s.Bookings) (b.StartsAt, b.EndsAt) = (startsAt, endsAt);
        return new SessionRescheduled(s.Id, s.CaseId, startsAt, endsAt, previousStart, previousEnd, location, s.RegionCode, s.TownCode,
            s.DistrictCode, by, at, now);
    }

    /// <summary>An outcome: held or not; a held session had attendees and a summary, and cannot be held before it starts.</summary>
    public static Validation CheckRecord(Session s, RecordSessionRequest r, DateTimeOffset at, DateTimeOffset now)
    {
        var v = new Validation().NotInFuture("occurredAt", at, now);
        if (r.Held is null) v.Add("held", "'held' is required.");
        if (r.AttendeeCount is null or < 0 or > 1000) v.Add("attendeeCount", "'attendeeCount' must be 0–1000.");
        if (r.Held == true)
        {
            v.Require("summary", r.Summary, 4000);
            if (r.AttendeeCount == 0) v.Add("attendeeCount", "A session that was held had attendees.");
            if (at < s.StartsAt) v.Add("occurredAt", "A session cannot be recorded as held before it starts.");
        }
        else v.MaxLength("summary", r.Summary, 4000);
        return v;
    }

    /// <summary>Records the outcome (checked by <see cref="CheckRecord"/>) and returns the event for the case's 调解记录.</summary>
    public static SessionHeld Record(Session s, RecordSessionRequest r, string by, DateTimeOffset at, DateTimeOffset now)
    {
        s.Held = r.Held;
        s.AttendeeCount = r.AttendeeCount;
        s.Summary = string.IsNullOrWhiteSpace(r.Summary) ? null : r.Summary.Trim();
        s.RecordedOccurredAt = at;
        s.RecordedBy = by;
        s.RecordedAt = now;
        return new SessionHeld(s.Id, s.CaseId, s.Held!.Value, s.AttendeeCount!.Value, s.RegionCode, s.TownCode,
            s.DistrictCode, by, at, now, s.StartsAt, s.Location, s.MediatorIds, s.Summary);
    }
}
