using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed record CaseToAssign(
    string RegionCode,
    string? TownCode,
    string? DistrictCode,
    DisputeCategory Category,
    RiskLevel RiskLevel,
    Guid? RegisteredByMediatorId)
{
    public RegionPath Place => new(RegionCode, TownCode, DistrictCode);
}
