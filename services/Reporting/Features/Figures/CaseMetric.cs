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
    /// <summary>Disputes an agency handed in, received in the year; keyed by agency (police, court, petition_office).</summary>
    IntakeReceived,
    /// <summary>Handed-in disputes resolved in the year; keyed by agency.</summary>
    IntakeResolved,
    /// <summary>Handed-in disputes whose mediation failed in the year; keyed by agency.</summary>
    IntakeUnresolved,
    /// <summary>Handed-in disputes withdrawn in the year; keyed by agency.</summary>
    IntakeWithdrawn,
    /// <summary>Handed-in disputes returned to their agency (or handed on whole) in the year; keyed by agency.</summary>
    IntakeReturned,
    /// <summary>Handed-in disputes received in the year and still open (as of now, like <see cref="DisputesInProgress"/>); keyed by agency.</summary>
    IntakeOpen,

    /// <summary>
    /// The statistics form's columns by month and category (issue 24): keyed <c>MM|category|column</c>
    /// (<see cref="StatisticsCounters"/>), counted in the CST month of the instant each column is about. Not part of
    /// the annual figures; <c>GET /api/reports/statistics</c> sums any run of months.
    /// </summary>
    Statistics,
}
