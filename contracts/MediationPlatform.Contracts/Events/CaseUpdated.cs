namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A change to a case that has no more specific event (assignment taken over from the mediator service, edits of
/// title/category/risk). <c>Change</c> names it (<c>assigned</c>, <c>edited</c>, ...); <c>Status</c> is the status after it.
/// </summary>
public sealed record CaseUpdated(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Change,
    CaseStatus Status,
    DisputeCategory Category,
    RiskLevel RiskLevel,
    Guid? AssignedMediatorId) : ICaseEvent;
