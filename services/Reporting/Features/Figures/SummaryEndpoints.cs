using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.Reporting.Features.Rebuild;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Figures;

public static class SummaryEndpoints
{
    public static void MapSummaryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports (统计)");
        group.MapGet("/summary", Summary)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Statistician, Roles.Supervisor, Roles.Mediator))
            .WithSummary("Live figures for a year (China Standard Time) and a region (a town rolls up its villages, a district its towns)")
            .WithDescription("No personal data. Statisticians and admins see every region; supervisors and mediators only regions their token covers. " +
                "503 with Retry-After while the projections are being rebuilt or after a rebuild failed (never partial figures).")
            .RequireCompleteFigures();
    }

    private static async Task<Results<Ok<SummaryResponse>, ValidationProblem, NotFound>> Summary(
        [Range(2000, 2100)] int? year, [MaxLength(40)] string? regionCode, ReportingDbContext db, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
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
        if (!seesAll && (region is null || !user.Covers(region.Path)))
            return TypedResults.NotFound();

        var figures = await FigureQuery.ComputeAsync(db, year.Value, region, ct);
        return TypedResults.Ok(new SummaryResponse(year.Value, region?.Code, clock.GetUtcNow(), figures));
    }

}
