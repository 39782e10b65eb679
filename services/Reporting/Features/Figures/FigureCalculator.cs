using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Reporting.Features.Figures;



/// <summary>
/// The figure definitions of product.md as pure functions over case counters (or fact rows): "registered" counts cases received in the
/// year; resolved, unresolved, withdrawn, transferred, accepted, concluded… count the events that happened in the year,
/// by their occurredAt in China Standard Time, whenever the case was registered.
/// </summary>
public static class FigureCalculator
{
    public static FigureSet Compute(int year, IReadOnlyCollection<CaseFact> facts, int activeMediators) =>
        Compute(year, facts, [], [], [], activeMediators, OverdueFigures.None);

    /// <summary>
    /// All figures of a year from fact rows. The case figures go through <see cref="CaseCounters.Of"/> — the same
    /// contributions the stored counters are made of — so this and <see cref="FromCounters"/> agree by construction.
    /// Referrals, sessions and risk items count their own events by the CST year of occurredAt
    /// (a referral made in one year and completed in the next counts "made" in the first and "completed" in the second).
    /// </summary>
    public static FigureSet Compute(int year, IReadOnlyCollection<CaseFact> facts, IReadOnlyCollection<ReferralRow> referrals,
        IReadOnlyCollection<SessionFact> sessions, IReadOnlyCollection<RiskItemFact> riskItems, int activeMediators, OverdueFigures overdue,
        IReadOnlyDictionary<string, int>? intakeOverdue = null)
    {
        var counters = new Dictionary<CounterKey, decimal>();
        foreach (var fact in facts) CaseCounters.Add(counters, fact, +1);
        var rows = counters.Where(kv => kv.Key.Year == year).Select(kv => new CounterRow(kv.Key.RegionCode, kv.Key.Counter, kv.Value)).ToList();
        return FromCounters(year, rows, referrals, sessions, riskItems, activeMediators, overdue, intakeOverdue);
    }

    /// <summary>
    /// All figures of a year from the case counters of the regions asked for (one row per region and counter);
    /// <paramref name="intakeOverdue"/>: handed-in disputes that went overdue in the year, by agency (<see cref="FigureQuery"/>).
    /// </summary>
    public static FigureSet FromCounters(int year, IReadOnlyCollection<CounterRow> counters, IReadOnlyCollection<ReferralRow> referrals,
        IReadOnlyCollection<SessionFact> sessions, IReadOnlyCollection<RiskItemFact> riskItems, int activeMediators, OverdueFigures overdue,
        IReadOnlyDictionary<string, int>? intakeOverdue = null)
    {
        var (from, to) = ChinaTime.YearWindow(year);
        bool In(DateTimeOffset? at) => at is { } t && t >= from && t < to;
        var totals = counters.GroupBy(c => c.Counter).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        decimal Total(CaseMetric metric) => totals.GetValueOrDefault(new Counter(metric));
        int N(CaseMetric metric) => (int)Total(metric);
        // a keyed metric's non-zero values, by key
        Dictionary<string, int> By(CaseMetric metric) => totals
            .Where(kv => kv.Key.Metric == metric && kv.Value != 0)
            .OrderBy(kv => kv.Key.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key.Key, kv => (int)kv.Value);

        var resolved = N(CaseMetric.DisputesResolved);
        var unresolved = N(CaseMetric.DisputesUnresolved);
        var concluded = N(CaseMetric.PetitionsConcluded);
        var onTime = N(CaseMetric.PetitionsConcludedOnTime);
        var categoriesRegistered = By(CaseMetric.DisputesRegisteredByCategory);
        var categoriesResolved = By(CaseMetric.DisputesResolvedByCategory);
        var agreements = By(CaseMetric.DisputesByAgreementType);
        var monthsRegistered = By(CaseMetric.DisputesRegisteredByMonth);
        var monthsResolved = By(CaseMetric.DisputesResolvedByMonth);
        var byRegion = counters.Where(c => c.Counter.Metric is CaseMetric.DisputesRegistered or CaseMetric.DisputesResolved && c.Value != 0)
            .GroupBy(c => c.RegionCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new RegionFigures(
                (int)g.Where(c => c.Counter.Metric == CaseMetric.DisputesRegistered).Sum(c => c.Value),
                (int)g.Where(c => c.Counter.Metric == CaseMetric.DisputesResolved).Sum(c => c.Value)));

        return new FigureSet(
            new DisputeFigures(
                Registered: N(CaseMetric.DisputesRegistered),
                Resolved: resolved,
                Unresolved: unresolved,
                Withdrawn: N(CaseMetric.DisputesWithdrawn),
                Transferred: N(CaseMetric.DisputesTransferred),
                InProgress: N(CaseMetric.DisputesInProgress),
                SuccessRate: resolved + unresolved == 0 ? null : Math.Round((double)resolved / (resolved + unresolved), 4),
                AmountInvolved: Total(CaseMetric.DisputesAmountInvolved),
                PeopleInvolved: N(CaseMetric.DisputesPeopleInvolved),
                EscalationPrevented: N(CaseMetric.DisputesEscalationPrevented),
                // in the order of the category list of product.md
                ByCategory: Enum.GetValues<DisputeCategory>().Select(SnakeEnum.Name)
                    .Where(c => categoriesRegistered.ContainsKey(c) || categoriesResolved.ContainsKey(c))
                    .ToDictionary(c => c, c => new CategoryFigures(categoriesRegistered.GetValueOrDefault(c), categoriesResolved.GetValueOrDefault(c))),
                BySource: By(CaseMetric.DisputesBySource),
                ByChannel: By(CaseMetric.DisputesByChannel),
                ByRegion: byRegion,
                ByAgreementType: new Dictionary<string, int>
                {
                    ["written"] = agreements.GetValueOrDefault("written"),
                    ["oral"] = agreements.GetValueOrDefault("oral"),
                },
                // every month of the year, "01"–"12", zeros included (the report page draws all twelve)
                ByMonth: Enumerable.Range(1, 12).Select(MonthFigures.Key).ToDictionary(m => m, m => new MonthFigures(
                    monthsRegistered.GetValueOrDefault(m), monthsResolved.GetValueOrDefault(m)))),
            new PetitionFigures(
                Registered: N(CaseMetric.PetitionsRegistered),
                Accepted: N(CaseMetric.PetitionsAccepted),
                NotAccepted: N(CaseMetric.PetitionsNotAccepted),
                Transferred: N(CaseMetric.PetitionsTransferred),
                Concluded: concluded,
                ConcludedOnTime: onTime,
                OnTimeRate: concluded == 0 ? null : Math.Round((double)onTime / concluded, 4),
                ByType: By(CaseMetric.PetitionsByType),
                ByOpinion: By(CaseMetric.PetitionsByOpinion),
                ReviewsRequested: N(CaseMetric.PetitionsReviewsRequested),
                Repeat: N(CaseMetric.PetitionsRepeat)),
            referrals.GroupBy(r => r.Agency).OrderBy(g => g.Key).ToDictionary(g => SnakeEnum.Name(g.Key), g => new ReferralFigures(
                    Made: g.Count(r => In(r.MadeAt)), Accepted: g.Count(r => In(r.AcceptedAt)),
                    Declined: g.Count(r => In(r.DeclinedAt)), Completed: g.Count(r => In(r.CompletedAt))))
                .Where(kv => kv.Value != new ReferralFigures(0, 0, 0, 0)).ToDictionary(),
            new SessionFigures(sessions.Count(s => In(s.ScheduledAt)), sessions.Count(s => In(s.HeldAt))),
            new RiskItemFigures(riskItems.Count(r => In(r.OpenedAt)), riskItems.Count(r => In(r.ClosedAt))),
            new MediatorFigures(activeMediators),
            overdue,
            // every agency of the contract, zeros included
            IntakeFigures.Agencies.ToDictionary(a => a, a => new IntakeFigures(
                Received: By(CaseMetric.IntakeReceived).GetValueOrDefault(a),
                Resolved: By(CaseMetric.IntakeResolved).GetValueOrDefault(a),
                Unresolved: By(CaseMetric.IntakeUnresolved).GetValueOrDefault(a),
                Withdrawn: By(CaseMetric.IntakeWithdrawn).GetValueOrDefault(a),
                Returned: By(CaseMetric.IntakeReturned).GetValueOrDefault(a),
                Open: By(CaseMetric.IntakeOpen).GetValueOrDefault(a),
                Overdue: intakeOverdue?.GetValueOrDefault(a) ?? 0)));
    }
}
