using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Reporting.Features.Projections;

public sealed class RegionNode : IRegionPlaced
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RegionKind Kind { get; set; }
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }

    string IRegionPlaced.RegionCode => Code;

    public RegionPath Path => new(Code, TownCode, DistrictCode);
}
