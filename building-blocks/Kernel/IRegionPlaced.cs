namespace MediationPlatform.Kernel;

/// <summary>Something that sits at a place of the region tree (a case, a register, a session, a fact row).</summary>
public interface IRegionPlaced
{
    string RegionCode { get; }
    string? TownCode { get; }
    string? DistrictCode { get; }
}
