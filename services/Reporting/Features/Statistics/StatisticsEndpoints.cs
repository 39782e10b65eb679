using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Rebuild;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Statistics;

/// <summary><c>GET /api/reports/statistics</c>: the 司法行政 statistics form for any run of whole months (api.md "Statistics").</summary>
public static class StatisticsEndpoints
{
    /// <summary>The longest period one request may cover.</summary>
    public const int MaxMonths = 120;

    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/reports").WithTags("Reports (统计)").MapGet("/statistics", Statistics)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Statistician, Roles.Supervisor))
            .WithName("GetStatistics")
            .WithSummary("The people's-mediation statistics form for any period of whole months (CST), a town (a row per village) or a district (a row per town)")
            .WithDescription("`from` (inclusive) and `to` (exclusive) are `yyyy-MM-dd` on the first of a month, at most 120 months apart — a month, a quarter, a half-year, a year, across year ends. " +
                "Columns per dispute category and in total: 受理, 调解成功, 调解不成功, 成功率, 协议涉及金额, 口头/书面协议, 自动履行, 司法确认 (申请, 确认), 当事人数, the sources 主动调解 (screening), 申请调解 (application), 接受委托移送调解 (police, court, petition office, government), " +
                "and the prevention columns in cases and persons (防止民转刑, 群体性上访, 群体性械斗, 自杀). Each is counted in the CST month of what it is about (ADR 0021). " +
                "`format` json (default), csv, xlsx (merged heading cells like the paper form) or html (printable A4 landscape). The JSON is never suppressed (the form is filed upward); " +
                "`published=true` shows counts of 1 and 2 as \"<3\" in csv, xlsx and html. Statisticians and admins: any region; supervisors: their regions (404 otherwise).")
            .Produces<StatisticsReport>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireCompleteFigures();

    private static async Task<Results<Ok<StatisticsReport>, FileContentHttpResult, ContentHttpResult, ValidationProblem, NotFound>> Statistics(
        [MaxLength(40)] string? regionCode, [MaxLength(10)] string? from, [MaxLength(10)] string? to,
        [MaxLength(4), RegularExpression("^(json|csv|xlsx|html)$")] string? format, bool? published,
        ReportingDbContext db, CurrentUser user, AuditRecorder audit, CancellationToken ct)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(regionCode)) v.Add("regionCode", "'regionCode' is required: a town or a district (or a village).");
        v.MaxLength("regionCode", regionCode, 40);
        var start = MonthStart("from", from, v);
        var end = MonthStart("to", to, v);
        if (start is { } s && end is { } e)
        {
            var months = (e.Year - s.Year) * 12 + e.Month - s.Month;
            if (months < 1) v.Add("to", "'to' must be at least one month after 'from' (it is exclusive).");
            else if (months > MaxMonths) v.Add("to", $"At most {MaxMonths} months in one request.");
        }
        format ??= "json";
        if (format is not ("json" or "csv" or "xlsx" or "html")) v.Add("format", $"'{format}' is not one of: json, csv, xlsx, html.");
        if (!v.IsValid) return v.Problem();

        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == regionCode, ct);
        if (region is null) return TypedResults.NotFound();
        var seesAll = user.IsAdmin || user.IsIn(Roles.Statistician);
        if (!seesAll && !user.Covers(region.Path)) return TypedResults.NotFound();

        var report = await StatisticsQuery.ComputeAsync(db, region, start!.Value, end!.Value, ct);
        var publish = published == true;
        var name = $"statistics-{region.Code}-{report.Period.From}-{report.Period.To}";
        if (format != "json") // an export leaves the system: audited (ADR 0022)
            await audit.RecordAsync(db, "export", region.Code, new { what = "statistics", report.Period.From, report.Period.To, format, published = publish }, ct);
        return format switch
        {
            "csv" => TypedResults.File(StatisticsExports.Csv(report, publish), "text/csv; charset=utf-8", $"{name}.csv"),
            "xlsx" => TypedResults.File(StatisticsExports.Xlsx(report, publish), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx"),
            "html" => TypedResults.Text(StatisticsExports.Html(report, publish), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(report),
        };
    }

    private static DateOnly? MonthStart(string field, string? text, Validation v)
    {
        if (string.IsNullOrWhiteSpace(text)) { v.Add(field, $"'{field}' is required: yyyy-MM-dd, the first of a month."); return null; }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Day != 1 || d.Year is < 2000 or > 2100)
        {
            v.Add(field, $"'{field}' must be yyyy-MM-dd on the first of a month (2000–2100), e.g. 2021-04-01.");
            return null;
        }
        return d;
    }
}
