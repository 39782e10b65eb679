namespace MediationPlatform.Contracts.Events;

/// <summary>A review or second review was answered.</summary>
public sealed record PetitionReviewConcluded(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    ReviewLevel Level,
    Opinion Opinion) : ICaseEvent;
