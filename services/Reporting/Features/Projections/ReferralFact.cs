using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>A referral as the case service announced it (CaseReferred): agency and region, when it was made.</summary>
public sealed class ReferralFact : IRegionPlaced
{
    public Guid ReferralId { get; set; }
    public Guid CaseId { get; set; }
    public Agency Agency { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset MadeAt { get; set; }
}
