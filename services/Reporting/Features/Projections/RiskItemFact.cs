using MediationPlatform.Kernel;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>An item of a risk register (风险清单): opened and (later) closed (销号).</summary>
public sealed class RiskItemFact : IRegionPlaced
{
    public Guid ItemId { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
