using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// The region with this code, untracked; null when the directory has none. A compiled query: every registration
    /// looks its region up, and building and matching the LINQ expression each time cost more than running it (ADR 0017).
    /// </summary>
    public static Task<RegionRef?> FindAsync(CasesDbContext db, string code, CancellationToken ct) => ByCode(db, code, ct);

    private static readonly Func<CasesDbContext, string, CancellationToken, Task<RegionRef?>> ByCode =
        EF.CompileAsyncQuery((CasesDbContext db, string code, CancellationToken ct) => db.Regions.AsNoTracking().FirstOrDefault(r => r.Code == code));
}
