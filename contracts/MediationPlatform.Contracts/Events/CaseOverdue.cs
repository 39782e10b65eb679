namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A legal deadline passed without the step it demands (逾期). Published once per missed deadline: <c>Deadline</c> is
/// <c>mediation</c>, <c>acceptance</c>, <c>conclusion</c> or <c>review</c>; <c>OccurredAt</c> is the moment it passed.
/// </summary>
public sealed record CaseOverdue(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Deadline,
    DateTimeOffset DueAt) : ICaseEvent;
