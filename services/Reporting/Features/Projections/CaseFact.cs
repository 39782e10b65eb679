using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// One row per case. Registration fields come from CaseRegistered (whenever it arrives); state fields only move
/// forward: an event whose version is not above <see cref="Version"/> never overwrites them.
/// </summary>
public sealed class CaseFact : IRegionPlaced
{
    public Guid CaseId { get; set; }
    public bool Registered { get; set; }
    public CaseKind Kind { get; set; }
    public DisputeCategory Category { get; set; }
    public PetitionType? PetitionType { get; set; }
    public CaseSource Source { get; set; }
    public CaseChannel Channel { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Calendar year of <see cref="ReceivedAt"/> in China Standard Time.</summary>
    public int ReceivedYear { get; set; }

    public int PartyCount { get; set; }

    /// <summary>The version of the event <see cref="PartyCount"/> came from (registration, or a later correction).</summary>
    public int PartyCountVersion { get; set; }
    public decimal? AmountInvolved { get; set; }
    public CaseStatus Status { get; set; }
    public RiskLevel RiskLevel { get; set; }
    public Guid? AssignedMediatorId { get; set; }
    public int Version { get; set; }

    // When each outcome happened (occurredAt as entered). FigureSet count them in the CST year of these instants.
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? UnresolvedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public DateTimeOffset? TransferredAt { get; set; }
    public AgreementType? AgreementType { get; set; }
    public bool EscalationPrevented { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? NotAcceptedAt { get; set; }
    public DateTimeOffset? ConcludedAt { get; set; }
    public bool ConcludedOnTime { get; set; }
    public Opinion? Opinion { get; set; }
    public DateTimeOffset? ReviewRequestedAt { get; set; }
    public DateTimeOffset? SecondReviewRequestedAt { get; set; }

    /// <summary>The case is linked <c>repeat_of</c> another (CaseLinked): a repeated petition (重复信访) or dispute.</summary>
    public bool RepeatOf { get; set; }

    /// <summary>The agency that handed the dispute in (三调对接 inbound), or null.</summary>
    public Agency? IntakeAgency { get; set; }
}
