namespace MediationPlatform.Contracts.Events;

/// <summary>
/// The mediator service assigned (or reassigned) a case. An automatic assignment takes effect as of the case's
/// <c>receivedAt</c>, so <c>OccurredAt</c> may lie in the past. <c>Version</c> is the assignment's sequence for the case.
/// </summary>
public sealed record MediatorAssigned(
    Guid CaseId,
    Guid AssignmentId,
    Guid MediatorId,
    Guid? PreviousMediatorId,
    bool Automatic,
    string? Reason,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
