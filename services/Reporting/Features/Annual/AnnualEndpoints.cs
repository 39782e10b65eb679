using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Rebuild;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Annual;

public static class AnnualEndpoints
{
    private static readonly string[] Readers = [Roles.Admin, Roles.Statistician, Roles.Supervisor, Roles.Mediator];

    public static void MapAnnualEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports/annual").WithTags("Reports (统计)");
        group.MapPost("/{year:int}", Run)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Statistician))
            .WithSummary("Run the annual aggregation now (年度统计) → a new immutable snapshot")
            .WithDescription("Same code path as the 1 January 02:00 CST schedule and the --annual-report command line. "
                + "Without regionCode the snapshot covers every region. A rerun adds a new snapshot; a repeated Idempotency-Key returns the first one. "
                + "503 with Retry-After while the projections are being rebuilt or after a rebuild failed: no snapshot is made from incomplete figures.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable); // the job itself refuses (FiguresGuard), for the schedule and the CLI too
        group.MapGet("/{year:int}", Latest)
            .RequireAuthorization(p => p.RequireRole(Readers))
            .WithSummary("The latest snapshot of a year and region, as json (exact), csv, xlsx, md or html (published: cells under 3 suppressed)")
            .WithDescription("format=json|csv|xlsx|md|html. The md form is the report section in Chinese (矛盾纠纷化解和信访工作情况) with tables by category and village. "
                + "format=html is a printable A4 page (text/html; charset=utf-8): the same report text, the tables (by category, village, source, month; petitions) "
                + "and inline SVG charts (cases by month, by category, by village; petitions concluded on time 按期办结). "
                + "The xlsx has the metric/label/value rows on its first sheet and one formatted sheet per table (Chinese headings). "
                + "Statisticians and admins see every region; supervisors and mediators only regions their token covers.");
        group.MapGet("/{year:int}/snapshots", List)
            .RequireAuthorization(p => p.RequireRole(Readers))
            .WithSummary("Every run (snapshot) of a year and region, newest first")
            .WithDescription("Without figures; the latest one is served by GET /api/reports/annual/{year}.");
    }

    private static ValidationProblem? CheckYear(int year) => year is < 2000 or > 2100
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["'year' must be between 2000 and 2100."] })
        : null;

    /// <summary>The region, or null for "every region"; false when unknown or not visible to the caller (404).</summary>
    private static async Task<(bool Ok, RegionNode? Region)> ResolveAsync(string? regionCode, ReportingDbContext db, CurrentUser user, CancellationToken ct)
    {
        RegionNode? region = null;
        if (!string.IsNullOrEmpty(regionCode))
        {
            region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == regionCode, ct);
            if (region is null) return (false, null);
        }
        var seesAll = user.IsAdmin || user.IsIn(Roles.Statistician);
        if (!seesAll && (region is null || !user.Covers(region.Path))) return (false, null);
        return (true, region);
    }

    private static SnapshotResponse ToResponse(AnnualSnapshot s) =>
        new(s.Id, s.Year, s.RegionCode, s.RegionName, s.GeneratedAt, s.Trigger, AnnualReportJob.FiguresOf(s));

    private static string Location(AnnualSnapshot s) =>
        $"/api/reports/annual/{s.Year}" + (s.RegionCode is null ? "" : $"?regionCode={Uri.EscapeDataString(s.RegionCode)}");

    private static async Task<Results<Created<SnapshotResponse>, ValidationProblem, NotFound, RetryAfterResult>> Run(
        [Range(2000, 2100)] int year, [MaxLength(40)] string? regionCode, HttpContext http, ReportingDbContext db, CurrentUser user,
        AnnualReportJob job, CancellationToken ct)
    {
        if (CheckYear(year) is { } bad) return bad;
        var (ok, region) = await ResolveAsync(regionCode, db, user, ct);
        if (!ok) return TypedResults.NotFound();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["At most 200 characters."] });
        if (key.Length > 0 && await db.AnnualSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.IdempotencyKey == key, ct) is { } earlier)
        {
            if (earlier.Year != year || earlier.RegionCode != region?.Code)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    { ["Idempotency-Key"] = ["This key was used for a different year or region."] });
            return TypedResults.Created(Location(earlier), ToResponse(earlier));
        }
        AnnualSnapshot snapshot;
        try
        {
            snapshot = await job.RunAsync(year, region?.Code, AnnualReportJob.Api, key.Length > 0 ? key : null, ct);
        }
        catch (FiguresIncompleteException incomplete)
        {
            return incomplete.Why.Answer();
        }
        catch (DbUpdateException) when (key.Length > 0)
        {
            // a concurrent request with the same key won the race: answer with its snapshot
            snapshot = await db.AnnualSnapshots.AsNoTracking().FirstAsync(s => s.IdempotencyKey == key, ct);
        }
        return TypedResults.Created(Location(snapshot), ToResponse(snapshot));
    }

    private static async Task<Results<Ok<SnapshotResponse>, FileContentHttpResult, ContentHttpResult, ValidationProblem, NotFound>> Latest(
        [Range(2000, 2100)] int year, [MaxLength(40)] string? regionCode, [MaxLength(4)] string? format,
        ReportingDbContext db, CurrentUser user, ILoggerFactory loggers, AuditRecorder audit, CancellationToken ct)
    {
        if (CheckYear(year) is { } bad) return bad;
        format = string.IsNullOrEmpty(format) ? "json" : format.ToLowerInvariant();
        if (format is not ("json" or "csv" or "xlsx" or "md" or "html"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["'format' must be json, csv, xlsx, md or html."] });
        var (ok, region) = await ResolveAsync(regionCode, db, user, ct);
        if (!ok) return TypedResults.NotFound();
        var code = region?.Code;
        var snapshot = await db.AnnualSnapshots.AsNoTracking()
            .Where(s => s.Year == year && s.RegionCode == code)
            .OrderByDescending(s => s.GeneratedAt).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);
        if (snapshot is null) return TypedResults.NotFound();
        var name = $"annual-{year}-{code ?? "all"}";
        if (format != "json") // an export leaves the system: audited (等保 安全审计; ADR 0022)
            await audit.RecordAsync(db, "export", snapshot.Id.ToString(), new { what = "annual_report", year, region = code, format }, ct);
        return format switch
        {
            "csv" => TypedResults.File(ReportExports.Csv(snapshot), "text/csv; charset=utf-8", $"{name}.csv"),
            "xlsx" => TypedResults.File(ReportExports.Xlsx(snapshot), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx"),
            "md" => TypedResults.Text(ReportExports.Markdown(snapshot), "text/markdown; charset=utf-8"),
            "html" => TypedResults.Text(Page(snapshot, loggers), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(ToResponse(snapshot)),
        };
    }

    private static string Page(AnnualSnapshot snapshot, ILoggerFactory loggers)
    {
        var font = ChartFont.Installed;
        if (!font.HasCjk)
            loggers.CreateLogger(typeof(ReportPage)).LogWarning(
                "No Chinese font for the report charts ({Candidates}): bars are numbered instead of named. Install fonts-noto-cjk (deploy/ensure-desk-tools.sh).",
                string.Join(", ", ChartFont.Candidates));
        return ReportPage.Html(snapshot, font);
    }

    private static async Task<Results<Ok<List<SnapshotListItem>>, ValidationProblem, NotFound>> List(
        [Range(2000, 2100)] int year, [MaxLength(40)] string? regionCode, ReportingDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (CheckYear(year) is { } bad) return bad;
        var (ok, region) = await ResolveAsync(regionCode, db, user, ct);
        if (!ok) return TypedResults.NotFound();
        var code = region?.Code;
        var list = await db.AnnualSnapshots.AsNoTracking()
            .Where(s => s.Year == year && s.RegionCode == code)
            .OrderByDescending(s => s.GeneratedAt).ThenByDescending(s => s.Id)
            .Select(s => new SnapshotListItem(s.Id, s.Year, s.RegionCode, s.RegionName, s.GeneratedAt, s.Trigger))
            .ToListAsync(ct);
        return TypedResults.Ok(list);
    }
}
