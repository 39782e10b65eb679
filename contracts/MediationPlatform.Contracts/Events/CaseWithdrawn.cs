namespace MediationPlatform.Contracts.Events;

/// <summary>The applicant withdrew the dispute (撤回).</summary>
public sealed record CaseWithdrawn(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt) : ICaseEvent;
