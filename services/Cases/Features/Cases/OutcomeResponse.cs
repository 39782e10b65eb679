using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>How a case ended (or is ending): agreement, failure route, petition opinion, judicial confirmation.</summary>
public sealed record OutcomeResponse(
    AgreementType? AgreementType, string? AgreementSummary, decimal? AmountAgreed, DateTimeOffset? PerformanceDueAt,
    bool EscalationPrevented, JudicialConfirmationStatus? JudicialConfirmation, DateTimeOffset? JudicialConfirmationDueAt,
    AdvisedRoute? AdvisedRoute, string? Reason, Opinion? Opinion, string? OpinionSummary, bool? ConcludedOnTime,
    ReviewLevel? ReviewLevel, int FollowUps, DateTimeOffset? EndedAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<ObligationResponse> Obligations, IReadOnlyList<Prevention> Prevented);

/// <summary>An agreement's term: <c>party</c> is the index of the obliged party in the case's <c>parties</c>.</summary>
public sealed record ObligationResponse(int Party, string What, decimal? Amount, DateTimeOffset? DueAt, DateTimeOffset? PerformedAt)
{
    public static IReadOnlyList<ObligationResponse> From(Domain.Case c)
    {
        var parties = c.PartiesInOrder.Select(p => p.Id).ToList();
        return c.Obligations.Select(o => new ObligationResponse(parties.IndexOf(o.PartyId), o.What, o.Amount, o.DueAt, o.PerformedAt)).ToList();
    }
}
