using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Features.Directory;

/// <summary>The directory's regions as this service learned them from RegionRegistered.</summary>
public sealed class RegionRef : IRegionPlaced
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The abbreviation in file numbers (文号); null: the name's first character.</summary>
    public string? ShortName { get; set; }
    public RegionKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }

    string IRegionPlaced.RegionCode => Code;

    public RegionPath Path => new(Code, TownCode, DistrictCode);
}
