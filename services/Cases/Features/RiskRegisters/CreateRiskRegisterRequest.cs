namespace MediationPlatform.Cases.Features.RiskRegisters;

public sealed record CreateRiskRegisterRequest(string? Title, string? RegionCode, int? Year);
