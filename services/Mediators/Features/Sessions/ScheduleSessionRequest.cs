using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Sessions;

[RequestExample("""
    {"caseId":"01a2499b-36c1-7c52-8233-812bf55b42b2","mediatorIds":["01a2499a-ed13-7e2a-aba4-5897914bec08"],
    "startsAt":"2026-12-08T09:30:00+08:00","endsAt":"2026-12-08T11:00:00+08:00","location":"金刚村调解室"}
    """)]
public sealed record ScheduleSessionRequest(
    Guid? CaseId, [property: MaxLength(10)] List<Guid>? MediatorIds, Guid? RoomId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    [property: MaxLength(200)] string? Location, DateTimeOffset? OccurredAt);
