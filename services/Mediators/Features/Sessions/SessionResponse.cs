namespace MediationPlatform.Mediators.Features.Sessions;

public sealed record SessionResponse(
    Guid Id, Guid CaseId, IReadOnlyList<Guid> MediatorIds, Guid? RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string? Location, string RegionCode, bool? Held, int? AttendeeCount, string? Summary, DateTimeOffset? RecordedAt)
{
    public static SessionResponse From(Session s) => new(s.Id, s.CaseId, s.MediatorIds, s.RoomId, s.StartsAt, s.EndsAt,
        s.Location, s.RegionCode, s.Held, s.AttendeeCount, s.Summary, s.RecordedAt);
}
