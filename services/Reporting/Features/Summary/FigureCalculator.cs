using MediationPlatform.BuildingBlocks.Web;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;

namespace MediationPlatform.Reporting.Features.Summary;

/// <summary>
/// The figure definitions of product.md as one pure function over fact rows: "registered" counts cases received in the
/// year; resolved, unresolved, withdrawn, transferred, accepted, concluded… count the events that happened in the year,
/// by their occurredAt in China Standard Time, whenever the case was registered.
/// </summary>
/// <summary>A referral with what the agency did with it (the join of <see cref="ReferralFact"/> and <see cref="ReferralOutcomeFact"/>).</summary>
public sealed record ReferralRow(Agency Agency, DateTimeOffset MadeAt, DateTimeOffset? AcceptedAt, DateTimeOffset? DeclinedAt, DateTimeOffset? CompletedAt);

public static class FigureCalculator
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public static (DateTimeOffset From, DateTimeOffset To) YearWindow(int year) =>
        (new DateTimeOffset(year, 1, 1, 0, 0, 0, Cst), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, Cst));

    public static Figures Compute(int year, IReadOnlyCollection<CaseFact> facts, int activeMediators) =>
        Compute(year, facts, [], [], [], activeMediators);

    /// <summary>
    /// All figures of a year. Referrals, sessions and risk items count their own events by the CST year of occurredAt
    /// (a referral made in one year and completed in the next counts "made" in the first and "completed" in the second).
    /// </summary>
    public static Figures Compute(int year, IReadOnlyCollection<CaseFact> facts, IReadOnlyCollection<ReferralRow> referrals,
        IReadOnlyCollection<SessionFact> sessions, IReadOnlyCollection<RiskItemFact> riskItems, int activeMediators)
    {
        var (from, to) = YearWindow(year);
        bool In(DateTimeOffset? at) => at is { } t && t >= from && t < to;

        var disputes = facts.Where(f => f.Kind == CaseKind.Dispute).ToList();
        var petitions = facts.Where(f => f.Kind == CaseKind.Petition).ToList();
        var registered = disputes.Where(f => f.Registered && In(f.ReceivedAt)).ToList();
        var resolved = disputes.Where(f => In(f.ResolvedAt)).ToList();
        var unresolved = disputes.Count(f => In(f.UnresolvedAt));
        var petitionsRegistered = petitions.Where(f => f.Registered && In(f.ReceivedAt)).ToList();
        var concluded = petitions.Where(f => In(f.ConcludedAt)).ToList();

        var categories = registered.Select(f => f.Category).Concat(resolved.Select(f => f.Category)).Distinct();
        var regions = registered.Select(f => f.RegionCode).Concat(resolved.Select(f => f.RegionCode)).Distinct();

        return new Figures(
            new DisputeFigures(
                Registered: registered.Count,
                Resolved: resolved.Count,
                Unresolved: unresolved,
                Withdrawn: disputes.Count(f => In(f.WithdrawnAt)),
                Transferred: disputes.Count(f => In(f.TransferredAt)),
                InProgress: registered.Count(f => f.Status is CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating),
                SuccessRate: resolved.Count + unresolved == 0 ? null : Math.Round((double)resolved.Count / (resolved.Count + unresolved), 4),
                AmountInvolved: registered.Sum(f => f.AmountInvolved ?? 0),
                PeopleInvolved: registered.Sum(f => f.PartyCount),
                EscalationPrevented: resolved.Count(f => f.EscalationPrevented),
                ByCategory: categories.OrderBy(c => c).ToDictionary(SnakeEnum.Name,
                    c => new CategoryFigures(registered.Count(f => f.Category == c), resolved.Count(f => f.Category == c))),
                BySource: registered.GroupBy(f => SnakeEnum.Name(f.Source)).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
                ByChannel: registered.GroupBy(f => SnakeEnum.Name(f.Channel)).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
                ByRegion: regions.Order().ToDictionary(r => r,
                    r => new RegionFigures(registered.Count(f => f.RegionCode == r), resolved.Count(f => f.RegionCode == r))),
                ByAgreementType: new Dictionary<string, int>
                {
                    ["written"] = resolved.Count(f => f.AgreementType == AgreementType.Written),
                    ["oral"] = resolved.Count(f => f.AgreementType == AgreementType.Oral),
                }),
            new PetitionFigures(
                Registered: petitionsRegistered.Count,
                Accepted: petitions.Count(f => In(f.AcceptedAt)),
                NotAccepted: petitions.Count(f => In(f.NotAcceptedAt)),
                Transferred: petitions.Count(f => In(f.TransferredAt)),
                Concluded: concluded.Count,
                ConcludedOnTime: concluded.Count(f => f.ConcludedOnTime),
                OnTimeRate: concluded.Count == 0 ? null : Math.Round((double)concluded.Count(f => f.ConcludedOnTime) / concluded.Count, 4),
                ByType: petitionsRegistered.Where(f => f.PetitionType is not null)
                    .GroupBy(f => SnakeEnum.Name(f.PetitionType!.Value)).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
                ByOpinion: concluded.Where(f => f.Opinion is not null)
                    .GroupBy(f => SnakeEnum.Name(f.Opinion!.Value)).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
                ReviewsRequested: petitions.Count(f => In(f.ReviewRequestedAt)) + petitions.Count(f => In(f.SecondReviewRequestedAt))),
            referrals.GroupBy(r => r.Agency).OrderBy(g => g.Key).ToDictionary(g => SnakeEnum.Name(g.Key), g => new ReferralFigures(
                    Made: g.Count(r => In(r.MadeAt)), Accepted: g.Count(r => In(r.AcceptedAt)),
                    Declined: g.Count(r => In(r.DeclinedAt)), Completed: g.Count(r => In(r.CompletedAt))))
                .Where(kv => kv.Value != new ReferralFigures(0, 0, 0, 0)).ToDictionary(),
            new SessionFigures(sessions.Count(s => In(s.ScheduledAt)), sessions.Count(s => In(s.HeldAt))),
            new RiskItemFigures(riskItems.Count(r => In(r.OpenedAt)), riskItems.Count(r => In(r.ClosedAt))),
            new MediatorFigures(activeMediators));
    }
}
