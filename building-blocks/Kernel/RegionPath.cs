namespace MediationPlatform.Kernel;

/// <summary>
/// A place in the region tree (区划): its own code and, above it, its town and its district (village → town →
/// district). The one home of the coverage rule: a set of region codes covers a place when it names the place itself,
/// its town or its district — a town code covers its villages, a district code its towns and their villages.
/// <see cref="RegionQuery"/> is the same rule in a form EF Core translates to SQL.
/// </summary>
public readonly record struct RegionPath(string Code, string? TownCode, string? DistrictCode)
{
    public static RegionPath Of(IRegionPlaced place) => new(place.RegionCode, place.TownCode, place.DistrictCode);

    /// <summary>The codes that, when held, cover this place: itself, its town, its district (no nulls, no repeats).</summary>
    public string[] Codes =>
        new[] { Code, TownCode, DistrictCode }.OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether <paramref name="code"/> is this place or one of its ancestors.</summary>
    public bool IsWithin(string code) => Code == code || TownCode == code || DistrictCode == code;

    /// <summary>Whether any of <paramref name="codes"/> is this place or one of its ancestors.</summary>
    public bool IsWithinAny(IEnumerable<string> codes) => codes.Any(IsWithin);
}
