using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Features.RiskRegisters;

/// <summary>A risk register (风险清单/台账) of one region and year; its items are closed one by one (销号).</summary>
public sealed class RiskRegister : IRegionPlaced
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public int Year { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<RiskItem> Items { get; set; } = [];

    public RegionPath Place => new(RegionCode, TownCode, DistrictCode);
}
