using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Cases.Features.RiskRegisters;

public sealed record CloseRiskItemRequest([property: MaxLength(2000)] string? Note, DateTimeOffset? OccurredAt);
