namespace MediationPlatform.Contracts.Events;

/// <summary>Mediation of a dispute started (调解开始).</summary>
public sealed record MediationStarted(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt) : ICaseEvent;
