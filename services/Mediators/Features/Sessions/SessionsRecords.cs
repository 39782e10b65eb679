using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Sessions;

public enum BookingResource { Mediator, Room }

/// <summary>Booked and standing; its outcome recorded as held or as not held; or called off.</summary>
public enum SessionStatus { Scheduled, Held, NotHeld, Cancelled }

[RequestExample("""
    {"reason":"申请人住院，双方同意另行安排"}
    """)]
public sealed record CancelSessionRequest([property: MaxLength(500)] string? Reason, DateTimeOffset? OccurredAt);

[RequestExample("""
    {"startsAt":"2026-12-10T14:00:00+08:00","endsAt":"2026-12-10T16:00:00+08:00","location":"木耳镇调解室"}
    """)]
public sealed record RescheduleSessionRequest(
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, [property: MaxLength(200)] string? Location, DateTimeOffset? OccurredAt);

[RequestExample("""
    {"held":true,"attendeeCount":4,"summary":"双方陈述意见，初步同意由李某疏通排水沟"}
    """)]
public sealed record RecordSessionRequest(
    bool? Held, [property: Range(0, 1000)] int? AttendeeCount, [property: MaxLength(4000)] string? Summary, DateTimeOffset? OccurredAt);

/// <summary>A session; <c>status</c> says whether it stands, was held, was not held or was cancelled (then with when and why).</summary>
public sealed record SessionResponse(
    Guid Id, Guid CaseId, IReadOnlyList<Guid> MediatorIds, Guid? RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string? Location, string RegionCode, bool? Held, int? AttendeeCount, string? Summary, DateTimeOffset? RecordedAt,
    SessionStatus Status, DateTimeOffset? CancelledAt, string? CancelReason)
{
    public static SessionResponse From(Session s) => new(s.Id, s.CaseId, s.MediatorIds, s.RoomId, s.StartsAt, s.EndsAt,
        s.Location, s.RegionCode, s.Held, s.AttendeeCount, s.Summary, s.RecordedAt, s.Status, s.CancelledAt, s.CancelReason);
}
