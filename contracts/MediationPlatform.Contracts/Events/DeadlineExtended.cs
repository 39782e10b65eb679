namespace MediationPlatform.Contracts.Events;

/// <summary>A deadline was extended: <c>Deadline</c> is <c>mediation</c> (parties' consent) or <c>conclusion</c> (petition, once, ≤ 30 days).</summary>
public sealed record DeadlineExtended(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Deadline,
    int Days,
    DateTimeOffset NewDueAt) : ICaseEvent;
