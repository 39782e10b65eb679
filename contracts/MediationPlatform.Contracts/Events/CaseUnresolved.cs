namespace MediationPlatform.Contracts.Events;

/// <summary>Mediation failed and was terminated; the parties were told their other route (调解不成).</summary>
public sealed record CaseUnresolved(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    AdvisedRoute AdvisedRoute) : ICaseEvent;
