namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>An action that needs nothing but when it happened: start-mediation, accept. `occurredAt` defaults to now.</summary>
public sealed record StepCommand(DateTimeOffset? OccurredAt);
