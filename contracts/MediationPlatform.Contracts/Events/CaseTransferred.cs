namespace MediationPlatform.Contracts.Events;

/// <summary>The case was handed over whole to another agency (移送); it leaves this platform's handling.</summary>
public sealed record CaseTransferred(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Agency Agency) : ICaseEvent;
