using MediationPlatform.Contracts;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed record UnassignedCase(Guid CaseId, string Number, string RegionCode, DisputeCategory Category, RiskLevel RiskLevel, DateTimeOffset ReceivedAt);
