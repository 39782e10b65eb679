using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Mediators.Features.Regions;

/// <summary><c>shortName</c>: the abbreviation in file numbers (文号, e.g. 木 in （2021）木人调字第17号); default the name's first character.</summary>
public sealed record CreateRegionRequest(
    [property: MaxLength(40), RegularExpression(RegionEndpoints.CodePatternText)] string? Code, [property: MaxLength(100)] string? Name,
    RegionKind? Kind, [property: MaxLength(40)] string? ParentCode, [property: MaxLength(4)] string? ShortName = null);

public sealed record RegionResponse(string Code, string Name, RegionKind Kind, string? ParentCode, string? TownCode, string? DistrictCode, string ShortName)
{
    public static RegionResponse From(Region r) => new(r.Code, r.Name, r.Kind, r.ParentCode, r.TownCode, r.DistrictCode, r.ShortNameOrDefault);
}
