namespace MediationPlatform.Cases.Features.Timeline;

public sealed record TimelineEntryResponse(int Version, string Action, string Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? Details);
