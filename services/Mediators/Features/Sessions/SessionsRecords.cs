using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Sessions;

public enum BookingResource { Mediator, Room }

[RequestExample("""
    {"held":true,"attendeeCount":4,"summary":"双方陈述意见，初步同意由李某疏通排水沟"}
    """)]
public sealed record RecordSessionRequest(
    bool? Held, [property: Range(0, 1000)] int? AttendeeCount, [property: MaxLength(4000)] string? Summary, DateTimeOffset? OccurredAt);

public sealed record SessionResponse(
    Guid Id, Guid CaseId, IReadOnlyList<Guid> MediatorIds, Guid? RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string? Location, string RegionCode, bool? Held, int? AttendeeCount, string? Summary, DateTimeOffset? RecordedAt)
{
    public static SessionResponse From(Session s) => new(s.Id, s.CaseId, s.MediatorIds, s.RoomId, s.StartsAt, s.EndsAt,
        s.Location, s.RegionCode, s.Held, s.AttendeeCount, s.Summary, s.RecordedAt);
}
