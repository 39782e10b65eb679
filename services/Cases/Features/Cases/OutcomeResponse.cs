using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>How a case ended (or is ending): agreement, failure route, petition opinion, judicial confirmation.</summary>
public sealed record OutcomeResponse(
    AgreementType? AgreementType, string? AgreementSummary, decimal? AmountAgreed, DateTimeOffset? PerformanceDueAt,
    bool EscalationPrevented, JudicialConfirmationStatus? JudicialConfirmation, DateTimeOffset? JudicialConfirmationDueAt,
    AdvisedRoute? AdvisedRoute, string? Reason, Opinion? Opinion, string? OpinionSummary, bool? ConcludedOnTime,
    ReviewLevel? ReviewLevel, int FollowUps, DateTimeOffset? EndedAt, DateTimeOffset? DeliveredAt);
