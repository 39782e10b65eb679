using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Referrals;

/// <summary>A referral in the receiving agency's inbox (routed to the organisation of that kind serving the case's region).</summary>
public sealed class Referral : IRegionPlaced
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string CaseNumber { get; set; } = "";
    public string Title { get; set; } = "";
    public CaseKind Kind { get; set; }
    public DisputeCategory Category { get; set; }
    public Agency Agency { get; set; }
    public string Reason { get; set; } = "";
    public bool Whole { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }

    /// <summary>null while unrouted: no organisation of that kind serves the region (visible to supervisors).</summary>
    public Guid? OrganizationId { get; set; }

    public ReferralStatus Status { get; set; }
    public ReferralOutcome? Outcome { get; set; }
    public string? Summary { get; set; }
    public string? DeclineReason { get; set; }
    public DateTimeOffset ReferredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset LastOccurredAt { get; set; }
    public uint RowVersion { get; set; }

    /// <summary>By when the agency should answer (working days: court 3, whole transfer 5), as the case service set it; null when no rule sets one.</summary>
    public DateTimeOffset? RespondBy { get; set; }

    public RegionPath Place => new(RegionCode, TownCode, DistrictCode);
}
