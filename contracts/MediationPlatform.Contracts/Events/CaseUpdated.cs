namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A change to a case that has no more specific event (assignment taken over from the mediator service, edits of
/// title/category/risk/parties). <c>Change</c> names it (<c>assigned</c>, <c>edited</c>, ...); <c>Status</c> is the status
/// after it; <c>PartyCount</c> the people involved when a correction changed them (null: unchanged, and in events
/// recorded before it existed). <c>JudicialConfirmation</c>: the 司法确认 step a <c>judicial_confirmation</c> change recorded;
/// <c>Performed</c>: true when a <c>follow_up</c> first found the agreement performed (自动履行) — both for the statistics.
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
    Guid? AssignedMediatorId,
    int? PartyCount = null,
    JudicialConfirmationStatus? JudicialConfirmation = null,
    bool? Performed = null) : ICaseEvent;
