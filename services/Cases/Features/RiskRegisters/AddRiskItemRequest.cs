using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.RiskRegisters;

public sealed record AddRiskItemRequest([property: MaxLength(2000)] string? Description, RiskLevel? Level, Guid? CaseId,
    DateTimeOffset? OccurredAt);
