using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.RiskRegisters;

public sealed record AddRiskItemRequest(string? Description, RiskLevel? Level, Guid? CaseId, DateTimeOffset? OccurredAt);
