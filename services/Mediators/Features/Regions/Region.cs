using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Regions;

public sealed class Region : IRegionPlaced
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The abbreviation in file numbers (文号); null: the name's first character.</summary>
    public string? ShortName { get; set; }

    public string ShortNameOrDefault => ShortName ?? (Name.Length > 0 ? Name[..1] : "");
    public RegionKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    string IRegionPlaced.RegionCode => Code;

    public RegionPath Path => new(Code, TownCode, DistrictCode);
}
