namespace MediationPlatform.Reporting.Features.Rebuild;

public sealed record RebuildStatus(string Status, long EventsApplied, long EventsRead, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<string> Sources, string? Error);
