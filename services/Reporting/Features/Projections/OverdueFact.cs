using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>A missed deadline (CaseOverdue): which case or referral, which deadline, when it passed, where.</summary>
public sealed class OverdueFact : IRegionPlaced
{
    public Guid CaseId { get; set; }
    public string Deadline { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The referral not answered in time; <see cref="Guid.Empty"/> for a case's own deadline.</summary>
    public Guid ReferralId { get; set; }

    public CaseKind? Kind { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
}
