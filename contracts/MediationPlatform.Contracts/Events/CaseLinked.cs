namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A case was linked to another (<c>POST /api/cases/{id}/link</c>, or a petition not accepted as a repeat of a matter
/// whose second review is concluded): <c>CaseId</c> is the case the link is recorded on — for <c>repeat_of</c>, the repeat —
/// and <c>LinkedCaseId</c> the case it points to. No personal data.
/// </summary>
public sealed record CaseLinked(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Guid LinkedCaseId,
    CaseRelation Relation) : ICaseEvent;
