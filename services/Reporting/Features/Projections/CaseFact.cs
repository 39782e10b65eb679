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

    /// <summary>协议涉及金额: the amount the agreement settled (CaseResolved).</summary>
    public decimal? AmountAgreed { get; set; }

    /// <summary>
    /// What the mediation prevented (CaseResolved), the persons of each kind (null: not prevented). Events recorded
    /// before <c>prevented</c> existed leave all four null; then <see cref="EscalationPrevented"/> counts as a criminal
    /// case prevented with the parties as persons (<see cref="PreventedPersons"/>).
    /// </summary>
    public int? PreventedCriminalCase { get; set; }

    public int? PreventedGroupPetition { get; set; }
    public int? PreventedGroupFight { get; set; }
    public int? PreventedSuicide { get; set; }

    /// <summary>The persons of one prevented kind, or null when the case did not prevent it.</summary>
    public int? PreventedPersons(PreventedKind kind) => kind switch
    {
        PreventedKind.CriminalCase => PreventedCriminalCase
            ?? (EscalationPrevented && PreventedGroupPetition is null && PreventedGroupFight is null && PreventedSuicide is null ? Math.Max(1, PartyCount) : null),
        PreventedKind.GroupPetition => PreventedGroupPetition,
        PreventedKind.GroupFight => PreventedGroupFight,
        _ => PreventedSuicide,
    };

    /// <summary>When a follow-up first found the agreement performed (自动履行).</summary>
    public DateTimeOffset? PerformedAt { get; set; }

    /// <summary>When 司法确认 was applied for, and when the court confirmed the agreement.</summary>
    public DateTimeOffset? JudicialConfirmationAppliedAt { get; set; }

    public DateTimeOffset? JudicialConfirmedAt { get; set; }
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
