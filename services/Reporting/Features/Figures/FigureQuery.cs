using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>
/// Loads the case counters and the activity rows that can matter for a year and a region (a town rolls up its villages,
/// a district its towns) and hands them to the pure <see cref="FigureCalculator"/>. Used by the live summary and the annual job alike.
/// </summary>
public static class FigureQuery
{
    public static async Task<FigureSet> ComputeAsync(ReportingDbContext db, int year, RegionNode? region, CancellationToken ct)
    {
        var (start, end) = ChinaTime.YearWindow(year);
        var code = region?.Code;

        // the case figures from the counters: one row per region and metric, however many cases the year had
        var counterQuery = db.CaseCounters.AsNoTracking().Where(c => c.Year == year && c.Metric != CaseMetric.Statistics);
        if (code is not null) counterQuery = counterQuery.Within(code);
        var counters = (await counterQuery.Select(c => new { c.RegionCode, c.Metric, c.Key, c.Value }).ToListAsync(ct))
            .Select(c => new CounterRow(c.RegionCode, new Counter(c.Metric, c.Key), c.Value)).ToList();

        var referralQuery = db.Referrals.AsNoTracking();
        if (code is not null) referralQuery = referralQuery.Within(code);
        var referrals = (await (
                from r in referralQuery
                join o in db.ReferralOutcomes.AsNoTracking() on r.ReferralId equals o.ReferralId into outcomes
                from o in outcomes.DefaultIfEmpty()
                where (r.MadeAt >= start && r.MadeAt < end)
                    || (o != null && ((o.AcceptedAt >= start && o.AcceptedAt < end) || (o.DeclinedAt >= start && o.DeclinedAt < end)
                        || (o.CompletedAt >= start && o.CompletedAt < end)))
                select new { r.Agency, r.MadeAt, Outcome = o })
            .ToListAsync(ct))
            .Select(x => new ReferralRow(x.Agency, x.MadeAt, x.Outcome?.AcceptedAt, x.Outcome?.DeclinedAt, x.Outcome?.CompletedAt))
            .ToList();

        var sessionQuery = db.Sessions.AsNoTracking()
            .Where(s => (s.ScheduledAt >= start && s.ScheduledAt < end) || (s.HeldAt >= start && s.HeldAt < end));
        if (code is not null)
            // SessionFact's place may be unknown (RegionCode null), so it is not an IRegionPlaced: the same rule, written out
            sessionQuery = sessionQuery.Where(s => s.RegionCode == code || s.TownCode == code || s.DistrictCode == code
                // a session announced without a region counts where its case is
                || (s.RegionCode == null && db.CaseFacts.Within(code).Any(f => f.CaseId == s.CaseId)));
        var sessions = await sessionQuery.ToListAsync(ct);

        var riskQuery = db.RiskItems.AsNoTracking()
            .Where(r => (r.OpenedAt >= start && r.OpenedAt < end) || (r.ClosedAt >= start && r.ClosedAt < end));
        if (code is not null) riskQuery = riskQuery.Within(code);
        var riskItems = await riskQuery.ToListAsync(ct);

        var mediators = db.Mediators.AsNoTracking().Where(m => m.Active);
        if (code is not null)
        {
            var codes = await db.Regions.AsNoTracking().Within(code).Select(r => r.Code).ToListAsync(ct);
            mediators = mediators.Where(m => m.RegionCodes.Any(c => codes.Contains(c)));
        }

        // cases (and referrals) that went overdue in the year: each counted once however many of its deadlines it missed
        var overdueQuery = db.OverdueFacts.AsNoTracking().Where(o => o.DueAt >= start && o.DueAt < end);
        if (code is not null) overdueQuery = overdueQuery.Within(code);
        var overdueRows = await overdueQuery.Select(o => new { o.CaseId, o.ReferralId, o.Kind }).ToListAsync(ct);
        var overdue = new OverdueFigures(
            overdueRows.Where(o => o.ReferralId == Guid.Empty && o.Kind == CaseKind.Dispute).Select(o => o.CaseId).Distinct().Count(),
            overdueRows.Where(o => o.ReferralId == Guid.Empty && o.Kind == CaseKind.Petition).Select(o => o.CaseId).Distinct().Count(),
            overdueRows.Where(o => o.ReferralId != Guid.Empty).Select(o => o.ReferralId).Distinct().Count());

        // of those, the disputes an agency handed in, by agency (each case once)
        var overdueDisputes = overdueRows.Where(o => o.ReferralId == Guid.Empty && o.Kind == CaseKind.Dispute).Select(o => o.CaseId).Distinct().ToList();
        var intakeOverdue = overdueDisputes.Count == 0 ? new Dictionary<string, int>() : (await db.CaseFacts.AsNoTracking()
                .Where(f => overdueDisputes.Contains(f.CaseId) && f.IntakeAgency != null).Select(f => f.IntakeAgency!.Value).ToListAsync(ct))
            .GroupBy(a => SnakeEnum.Name(a)).ToDictionary(g => g.Key, g => g.Count());

        return FigureCalculator.FromCounters(year, counters, referrals, sessions, riskItems, await mediators.CountAsync(ct), overdue, intakeOverdue);
    }
}
