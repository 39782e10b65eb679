using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Timeline;

/// <summary><c>GET /api/cases/{id}/timeline</c>: every change of a case, in order.</summary>
public static class TimelineEndpoint
{
    public static void MapTimeline(this RouteGroupBuilder group) =>
        group.MapGet("/{id:guid}/timeline", Timeline).WithSummary("Every change of a case: what, who, when it happened, when it was recorded")
            .WithDescription("Ordered by version; `occurredAt` is when the step happened (as entered, possibly back-dated), `recordedAt` when it was typed in. Entries without a version bump (overdue notices, risk-register links) carry the version they were made at. No personal data in `details`. The whole history of one case (not paged).");

    private static async Task<Results<Ok<List<TimelineEntryResponse>>, NotFound>> Timeline(
        Guid id, CasesDbContext db, CurrentUser user, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        var entries = await db.Timeline.AsNoTracking().Where(t => t.CaseId == id)
            .OrderBy(t => t.Version).ThenBy(t => t.RecordedAt).ThenBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(t => new TimelineEntryResponse(t.Version, t.Action, t.Actor, t.OccurredAt, t.RecordedAt, t.Details)).ToList());
    }
}
