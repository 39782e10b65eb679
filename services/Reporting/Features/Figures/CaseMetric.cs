namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>
/// The case figures of product.md ("What the annual figures mean") as counters. Each is counted in a CST year: the
/// year the case was received (registered, amounts, people, source, channel, category, in progress, petition type) or
/// the year its outcome happened (resolved, unresolved, withdrawn, transferred, accepted, concluded, reviews); the
/// monthly ones in the CST month of the same instant. The
/// metrics marked "keyed" are counted per value of their key (<see cref="Counter.Key"/>).
/// </summary>
public enum CaseMetric
{
    DisputesRegistered,
    DisputesAmountInvolved,
    DisputesPeopleInvolved,
    /// <summary>Keyed by source.</summary>
    DisputesBySource,
    /// <summary>Keyed by channel.</summary>
    DisputesByChannel,
    /// <summary>Keyed by category.</summary>
    DisputesRegisteredByCategory,
    DisputesInProgress,
    DisputesResolved,
    /// <summary>Keyed by category.</summary>
    DisputesResolvedByCategory,
    DisputesEscalationPrevented,
    /// <summary>Keyed by agreement type.</summary>
    DisputesByAgreementType,
    DisputesUnresolved,
    DisputesWithdrawn,
    DisputesTransferred,
    PetitionsRegistered,
    /// <summary>Keyed by petition type.</summary>
    PetitionsByType,
    PetitionsAccepted,
    PetitionsNotAccepted,
    PetitionsTransferred,
    PetitionsConcluded,
    PetitionsConcludedOnTime,
    /// <summary>Keyed by opinion.</summary>
    PetitionsByOpinion,
    PetitionsReviewsRequested,
    /// <summary>Keyed by the CST month the dispute was received, "01"–"12" (<see cref="MonthFigures.Key"/>).</summary>
    DisputesRegisteredByMonth,
    /// <summary>Keyed by the CST month the dispute was resolved, "01"–"12".</summary>
    DisputesResolvedByMonth,
    /// <summary>Petitions received in the year that are linked <c>repeat_of</c> another (重复信访).</summary>
    PetitionsRepeat,
}
