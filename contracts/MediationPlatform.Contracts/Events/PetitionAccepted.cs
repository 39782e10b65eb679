namespace MediationPlatform.Contracts.Events;

/// <summary>A petition was accepted (受理); a claim must be concluded by <c>ConclusionDueAt</c> (60 days, 信访工作条例 Art. 34); null for suggestions and accusations.</summary>
public sealed record PetitionAccepted(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ConclusionDueAt) : ICaseEvent;
