using MediationPlatform.Kernel;

namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>
/// One case figure of one region (a village's own cases) and CST year: <see cref="Metric"/> with its <see cref="Key"/>
/// (a category, source, channel, … for the keyed metrics; empty otherwise). Moved by the case-fact projections in the
/// same transaction as the fact rows (<see cref="CaseCounters"/>); a town or district sums its villages' rows.
/// </summary>
public sealed class CaseCounter : IRegionPlaced
{
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public int Year { get; set; }
    public CaseMetric Metric { get; set; }
    public string Key { get; set; } = "";
    public decimal Value { get; set; }
}
