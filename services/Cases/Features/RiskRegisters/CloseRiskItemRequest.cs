namespace MediationPlatform.Cases.Features.RiskRegisters;

public sealed record CloseRiskItemRequest(string? Note, DateTimeOffset? OccurredAt);
