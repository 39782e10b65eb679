namespace MediationPlatform.Contracts.Events;

/// <summary>A petition was concluded with a written opinion (办结); <c>OnTime</c> when by its (possibly extended) due date.</summary>
public sealed record PetitionConcluded(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Opinion Opinion,
    bool OnTime) : ICaseEvent;
