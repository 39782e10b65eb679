using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>What this service knows of a case (from case events): enough to assign and to keep workload current.</summary>
public sealed class CaseRef : IRegionPlaced
{
    public Guid CaseId { get; set; }
    public CaseKind Kind { get; set; }
    public string Number { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DisputeCategory Category { get; set; }
    public RiskLevel RiskLevel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid? AssignedMediatorId { get; set; }
    public bool Closed { get; set; }

    /// <summary>
    /// In the capacity queue since then: nobody serving its place had room when it came (<see cref="CapacityQueue"/>).
    /// Cleared when it is assigned.
    /// </summary>
    public DateTimeOffset? AwaitingSince { get; set; }

    /// <summary>Known only from an ending that arrived before <c>CaseRegistered</c> (closed, no place yet).</summary>
    public bool Placeholder { get; set; }
    public int Version { get; set; }
    public uint RowVersion { get; set; }

    public RegionPath Place => new(RegionCode, TownCode, DistrictCode);
}
