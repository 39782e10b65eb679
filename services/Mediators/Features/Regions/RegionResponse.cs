using MediationPlatform.Contracts;

namespace MediationPlatform.Mediators.Features.Regions;

public sealed record RegionResponse(string Code, string Name, RegionKind Kind, string? ParentCode, string? TownCode, string? DistrictCode, string ShortName)
{
    public static RegionResponse From(Region r) => new(r.Code, r.Name, r.Kind, r.ParentCode, r.TownCode, r.DistrictCode, r.ShortNameOrDefault);
}
