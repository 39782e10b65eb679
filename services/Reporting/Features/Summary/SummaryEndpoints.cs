using MediationPlatform.BuildingBlocks.Auth;
using MediationPlatform.BuildingBlocks.Web;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Summary;

public static class SummaryEndpoints
{
    public static void MapSummaryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports (统计)");
        group.MapGet("/summary", Summary)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Statistician, Roles.Supervisor, Roles.Mediator))
            .WithSummary("Live figures for a year (China Standard Time) and a region (a town rolls up its villages, a district its towns)")
            .WithDescription("No personal data. Statisticians and admins see every region; supervisors and mediators only regions their token covers.");
    }

    private static async Task<Results<Ok<SummaryResponse>, ValidationProblem, NotFound>> Summary(
        int? year, string? regionCode, ReportingDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (year is null or < 2000 or > 2100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["'year' is required (2000–2100)."] });
        RegionNode? region = null;
        if (!string.IsNullOrEmpty(regionCode))
        {
            region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == regionCode, ct);
            if (region is null) return TypedResults.NotFound();
        }
        var seesAll = user.IsAdmin || user.IsIn(Roles.Statistician);
        if (!seesAll && (region is null || !user.Covers(region.Code, region.TownCode, region.DistrictCode)))
            return TypedResults.NotFound();

        var (from, to) = FigureCalculator.YearWindow(year.Value);
        var facts = db.CaseFacts.AsNoTracking().Where(f => f.Registered);
        if (region is not null)
            facts = facts.Where(f => f.RegionCode == region.Code || f.TownCode == region.Code || f.DistrictCode == region.Code);
        // every case with something that happened in the year
        var inYear = await facts.Where(f =>
                (f.ReceivedAt >= from && f.ReceivedAt < to)
                || (f.ResolvedAt >= from && f.ResolvedAt < to) || (f.UnresolvedAt >= from && f.UnresolvedAt < to)
                || (f.WithdrawnAt >= from && f.WithdrawnAt < to) || (f.TransferredAt >= from && f.TransferredAt < to)
                || (f.AcceptedAt >= from && f.AcceptedAt < to) || (f.NotAcceptedAt >= from && f.NotAcceptedAt < to)
                || (f.ConcludedAt >= from && f.ConcludedAt < to)
                || (f.ReviewRequestedAt >= from && f.ReviewRequestedAt < to)
                || (f.SecondReviewRequestedAt >= from && f.SecondReviewRequestedAt < to))
            .ToListAsync(ct);

        var mediators = db.Mediators.AsNoTracking().Where(m => m.Active);
        if (region is not null)
        {
            var codes = await db.Regions.AsNoTracking()
                .Where(r => r.Code == region.Code || r.TownCode == region.Code || r.DistrictCode == region.Code)
                .Select(r => r.Code).ToListAsync(ct);
            mediators = mediators.Where(m => m.RegionCodes.Any(c => codes.Contains(c)));
        }
        var figures = FigureCalculator.Compute(year.Value, inYear, await mediators.CountAsync(ct));
        return TypedResults.Ok(new SummaryResponse(year.Value, region?.Code, DateTimeOffset.UtcNow, figures));
    }

}
