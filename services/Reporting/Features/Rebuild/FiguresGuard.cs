using MediationPlatform.Reporting.Data;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Rebuild;

/// <summary>
/// Figures are never served from half-built projections: while a rebuild runs — on any replica — or after one failed or
/// was interrupted (the projections were emptied and not refilled), the figure endpoints and the annual aggregation
/// refuse with 503 and say why, instead of answering with partial counts (a 404 for a town not yet replayed, or a
/// year of zeros). A rebuild that completes lifts it.
/// </summary>
public static class FiguresGuard
{
    /// <summary>Why the figures cannot be served now, or null.</summary>
    public static async Task<FiguresIncomplete?> CheckAsync(ReportingDbContext db, CancellationToken ct)
    {
        var last = await db.RebuildRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        if (last is null || last.Status == RebuildRun.Done) return null;
        if (last.Status == RebuildRun.Running && await SingleRunner.HeldAsync(db, SingleRunner.Rebuild, ct))
            return new FiguresIncomplete(5, "The figures are being rebuilt",
                $"The projections are being rebuilt from the event logs (since {last.StartedAt:u}); the figures are complete again when it is done. Retry in a few seconds.");
        var why = last.Status == RebuildRun.Failed ? $"failed ({last.Error})" : "was interrupted (its process stopped)";
        return new FiguresIncomplete(60, "The figures are incomplete",
            $"The last rebuild of the projections, started {last.StartedAt:u}, {why}; the figures stay unavailable until an admin runs POST /api/reports/rebuild again and it completes.");
    }

    /// <summary>The endpoint filter: 503 with <c>Retry-After</c> instead of the endpoint while the figures are incomplete.</summary>
    public static RouteHandlerBuilder RequireCompleteFigures(this RouteHandlerBuilder endpoint) => endpoint
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var db = http.RequestServices.GetRequiredService<ReportingDbContext>();
            return await CheckAsync(db, http.RequestAborted) is { } incomplete ? incomplete.Answer() : await next(context);
        })
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}

/// <summary>Why figures are not served, and when to ask again.</summary>
public sealed record FiguresIncomplete(int RetryAfterSeconds, string Title, string Detail)
{
    public RetryAfterResult Answer() => new(RetryAfterSeconds,
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: Title, detail: Detail));
}

/// <summary>Thrown by the annual aggregation when the figures are incomplete: no snapshot is made from them.</summary>
public sealed class FiguresIncompleteException(FiguresIncomplete why) : Exception(why.Detail)
{
    public FiguresIncomplete Why { get; } = why;
}
