using MediationPlatform.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Summary;

/// <summary>
/// Loads the projection rows that can matter for a year and a region (a town rolls up its villages, a district its
/// towns) and hands them to the pure <see cref="FigureCalculator"/>. Used by the live summary and the annual job alike.
/// </summary>
public static class FigureQuery
{
    public static async Task<Figures> ComputeAsync(ReportingDbContext db, int year, RegionNode? region, CancellationToken ct)
    {
        var (start, end) = FigureCalculator.YearWindow(year);
        var code = region?.Code;

        var facts = db.CaseFacts.AsNoTracking().Where(f => f.Registered);
        if (code is not null)
            facts = facts.Where(f => f.RegionCode == code || f.TownCode == code || f.DistrictCode == code);
        // every case with something that happened in the year
        var inYear = await facts.Where(f =>
                (f.ReceivedAt >= start && f.ReceivedAt < end)
                || (f.ResolvedAt >= start && f.ResolvedAt < end) || (f.UnresolvedAt >= start && f.UnresolvedAt < end)
                || (f.WithdrawnAt >= start && f.WithdrawnAt < end) || (f.TransferredAt >= start && f.TransferredAt < end)
                || (f.AcceptedAt >= start && f.AcceptedAt < end) || (f.NotAcceptedAt >= start && f.NotAcceptedAt < end)
                || (f.ConcludedAt >= start && f.ConcludedAt < end)
                || (f.ReviewRequestedAt >= start && f.ReviewRequestedAt < end)
                || (f.SecondReviewRequestedAt >= start && f.SecondReviewRequestedAt < end))
            .ToListAsync(ct);

        var referralQuery = db.Referrals.AsNoTracking();
        if (code is not null)
            referralQuery = referralQuery.Where(r => r.RegionCode == code || r.TownCode == code || r.DistrictCode == code);
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
            sessionQuery = sessionQuery.Where(s => s.RegionCode == code || s.TownCode == code || s.DistrictCode == code
                // a session announced without a region counts where its case is
                || (s.RegionCode == null && db.CaseFacts.Any(f => f.CaseId == s.CaseId
                    && (f.RegionCode == code || f.TownCode == code || f.DistrictCode == code))));
        var sessions = await sessionQuery.ToListAsync(ct);

        var riskQuery = db.RiskItems.AsNoTracking()
            .Where(r => (r.OpenedAt >= start && r.OpenedAt < end) || (r.ClosedAt >= start && r.ClosedAt < end));
        if (code is not null)
            riskQuery = riskQuery.Where(r => r.RegionCode == code || r.TownCode == code || r.DistrictCode == code);
        var riskItems = await riskQuery.ToListAsync(ct);

        var mediators = db.Mediators.AsNoTracking().Where(m => m.Active);
        if (code is not null)
        {
            var codes = await db.Regions.AsNoTracking()
                .Where(r => r.Code == code || r.TownCode == code || r.DistrictCode == code)
                .Select(r => r.Code).ToListAsync(ct);
            mediators = mediators.Where(m => m.RegionCodes.Any(c => codes.Contains(c)));
        }

        return FigureCalculator.Compute(year, inYear, referrals, sessions, riskItems, await mediators.CountAsync(ct));
    }
}
