namespace MediationPlatform.Contracts.Events;

/// <summary>A petition was accepted (受理); it must be concluded within 60 days.</summary>
public sealed record PetitionAccepted(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    DateTimeOffset ConclusionDueAt) : ICaseEvent;
