using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Cases.Features.RiskRegisters;

/// <summary>
/// <c>year</c>: 2000 to next year (China Standard Time), checked by the endpoint; the declared maximum is the type's, since a
/// constant cannot follow the clock.
/// </summary>
public sealed record CreateRiskRegisterRequest(
    [property: MaxLength(200)] string? Title, [property: MaxLength(40)] string? RegionCode,
    [property: Range(2000, int.MaxValue)] int? Year);
