namespace MediationPlatform.Contracts.Events;

/// <summary>A petition was not accepted, with a reason given (不予受理).</summary>
public sealed record PetitionNotAccepted(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt) : ICaseEvent;
