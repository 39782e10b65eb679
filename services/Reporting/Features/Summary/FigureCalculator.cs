using MediationPlatform.ServiceDefaults.Web;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;

namespace MediationPlatform.Reporting.Features.Summary;

/// <summary>A referral with what the agency did with it (the join of <see cref="ReferralFact"/> and <see cref="ReferralOutcomeFact"/>).</summary>
public sealed record ReferralRow(Agency Agency, DateTimeOffset MadeAt, DateTimeOffset? AcceptedAt, DateTimeOffset? DeclinedAt, DateTimeOffset? CompletedAt);

/// <summary>One stored counter (or a sum of them): a metric of <see cref="CaseCounters"/> in one region.</summary>
public sealed record CounterRow(string RegionCode, string Metric, decimal Value);

/// <summary>
/// The figure definitions of product.md as pure functions over case counters (or fact rows): "registered" counts cases received in the
/// year; resolved, unresolved, withdrawn, transferred, accepted, concluded… count the events that happened in the year,
/// by their occurredAt in China Standard Time, whenever the case was registered.
/// </summary>
public static class FigureCalculator
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public static (DateTimeOffset From, DateTimeOffset To) YearWindow(int year) =>
        (new DateTimeOffset(year, 1, 1, 0, 0, 0, Cst), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, Cst));

    public static Figures Compute(int year, IReadOnlyCollection<CaseFact> facts, int activeMediators) =>
        Compute(year, facts, [], [], [], activeMediators);

    /// <summary>
    /// All figures of a year from fact rows. The case figures go through <see cref="CaseCounters.Of"/> — the same
    /// contributions the stored counters are made of — so this and <see cref="FromCounters"/> agree by construction.
    /// Referrals, sessions and risk items count their own events by the CST year of occurredAt
    /// (a referral made in one year and completed in the next counts "made" in the first and "completed" in the second).
    /// </summary>
    public static Figures Compute(int year, IReadOnlyCollection<CaseFact> facts, IReadOnlyCollection<ReferralRow> referrals,
        IReadOnlyCollection<SessionFact> sessions, IReadOnlyCollection<RiskItemFact> riskItems, int activeMediators)
    {
        var counters = new Dictionary<CounterKey, decimal>();
        foreach (var fact in facts) CaseCounters.Add(counters, fact, +1);
        var rows = counters.Where(kv => kv.Key.Year == year).Select(kv => new CounterRow(kv.Key.RegionCode, kv.Key.Metric, kv.Value)).ToList();
        return FromCounters(year, rows, referrals, sessions, riskItems, activeMediators);
    }

    /// <summary>All figures of a year from the case counters of the regions asked for (one row per region and metric).</summary>
    public static Figures FromCounters(int year, IReadOnlyCollection<CounterRow> counters, IReadOnlyCollection<ReferralRow> referrals,
        IReadOnlyCollection<SessionFact> sessions, IReadOnlyCollection<RiskItemFact> riskItems, int activeMediators)
    {
        var (from, to) = YearWindow(year);
        bool In(DateTimeOffset? at) => at is { } t && t >= from && t < to;
        var totals = counters.GroupBy(c => c.Metric).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        int N(string metric) => (int)totals.GetValueOrDefault(metric);
        // "<prefix><key>" metrics with a non-zero total, by key
        Dictionary<string, int> By(string prefix, string suffix = "") => totals
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key.EndsWith(suffix, StringComparison.Ordinal) && kv.Value != 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key[prefix.Length..^suffix.Length], kv => (int)kv.Value);

        var resolved = N("d.resolved");
        var unresolved = N("d.unresolved");
        var concluded = N("p.concluded");
        var categoriesRegistered = By("d.category.", ".registered");
        var categoriesResolved = By("d.category.", ".resolved");
        var byRegion = counters.Where(c => c.Metric is "d.registered" or "d.resolved" && c.Value != 0)
            .GroupBy(c => c.RegionCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new RegionFigures(
                (int)g.Where(c => c.Metric == "d.registered").Sum(c => c.Value), (int)g.Where(c => c.Metric == "d.resolved").Sum(c => c.Value)));

        return new Figures(
            new DisputeFigures(
                Registered: N("d.registered"),
                Resolved: resolved,
                Unresolved: unresolved,
                Withdrawn: N("d.withdrawn"),
                Transferred: N("d.transferred"),
                InProgress: N("d.inProgress"),
                SuccessRate: resolved + unresolved == 0 ? null : Math.Round((double)resolved / (resolved + unresolved), 4),
                AmountInvolved: totals.GetValueOrDefault("d.amount"),
                PeopleInvolved: N("d.people"),
                EscalationPrevented: N("d.escalationPrevented"),
                // in the order of the category list of product.md
                ByCategory: Enum.GetValues<DisputeCategory>().Select(SnakeEnum.Name)
                    .Where(c => categoriesRegistered.ContainsKey(c) || categoriesResolved.ContainsKey(c))
                    .ToDictionary(c => c, c => new CategoryFigures(categoriesRegistered.GetValueOrDefault(c), categoriesResolved.GetValueOrDefault(c))),
                BySource: By("d.source."),
                ByChannel: By("d.channel."),
                ByRegion: byRegion,
                ByAgreementType: new Dictionary<string, int>
                {
                    ["written"] = N("d.agreement.written"),
                    ["oral"] = N("d.agreement.oral"),
                }),
            new PetitionFigures(
                Registered: N("p.registered"),
                Accepted: N("p.accepted"),
                NotAccepted: N("p.notAccepted"),
                Transferred: N("p.transferred"),
                Concluded: concluded,
                ConcludedOnTime: N("p.concludedOnTime"),
                OnTimeRate: concluded == 0 ? null : Math.Round((double)N("p.concludedOnTime") / concluded, 4),
                ByType: By("p.type."),
                ByOpinion: By("p.opinion."),
                ReviewsRequested: N("p.reviews")),
            referrals.GroupBy(r => r.Agency).OrderBy(g => g.Key).ToDictionary(g => SnakeEnum.Name(g.Key), g => new ReferralFigures(
                    Made: g.Count(r => In(r.MadeAt)), Accepted: g.Count(r => In(r.AcceptedAt)),
                    Declined: g.Count(r => In(r.DeclinedAt)), Completed: g.Count(r => In(r.CompletedAt))))
                .Where(kv => kv.Value != new ReferralFigures(0, 0, 0, 0)).ToDictionary(),
            new SessionFigures(sessions.Count(s => In(s.ScheduledAt)), sessions.Count(s => In(s.HeldAt))),
            new RiskItemFigures(riskItems.Count(r => In(r.OpenedAt)), riskItems.Count(r => In(r.ClosedAt))),
            new MediatorFigures(activeMediators));
    }
}
