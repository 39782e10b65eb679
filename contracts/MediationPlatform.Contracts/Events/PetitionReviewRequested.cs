namespace MediationPlatform.Contracts.Events;

/// <summary>The petitioner requested a review (复查) or second review (复核).</summary>
public sealed record PetitionReviewRequested(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    ReviewLevel Level) : ICaseEvent;
