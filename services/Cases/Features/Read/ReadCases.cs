using MediationPlatform.BuildingBlocks.Auth;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Read;

public sealed record CasePage(IReadOnlyList<CaseResponse> Items, int Page, int PageSize, int Total);

public sealed record TimelineEntryResponse(int Version, string Action, string Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? Details);

public static class ReadCases
{
    public const int MaxPageSize = 200;

    public static void MapReadCases(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", GetOne).WithSummary("One case (案件), with an ETag of its version");
        group.MapGet("/", List).WithSummary("Cases visible to the caller, filtered and paged (pageSize ≤ 200)");
        group.MapGet("/{id:guid}/timeline", Timeline).WithSummary("Every change of a case: what, who, when it happened, when it was recorded");
    }

    private static async Task<Results<Ok<CaseResponse>, NotFound>> GetOne(
        Guid id, CasesDbContext db, CurrentUser user, HttpContext http, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        http.Response.Headers.ETag = CaseResponse.ETagOf(c.Version);
        return TypedResults.Ok(CaseResponse.From(c, DateTimeOffset.UtcNow));
    }

    private static async Task<Results<Ok<CasePage>, ValidationProblem>> List(
        CasesDbContext db, CurrentUser user, CaseKind? kind, CaseStatus? status, string? regionCode,
        DisputeCategory? category, Guid? assignedMediatorId, RiskLevel? riskLevel,
        DateTimeOffset? receivedFrom, DateTimeOffset? receivedTo, int? page, int? pageSize, CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p < 1 || size < 1 || size > MaxPageSize)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [size is < 1 or > MaxPageSize ? "pageSize" : "page"] = [$"page ≥ 1 and 1 ≤ pageSize ≤ {MaxPageSize}."],
            });
        var q = db.Cases.AsNoTracking();
        if (!user.IsAdmin)
        {
            var regions = user.RegionCodes.ToList();
            q = q.Where(c => regions.Contains(c.RegionCode) || (c.TownCode != null && regions.Contains(c.TownCode))
                || (c.DistrictCode != null && regions.Contains(c.DistrictCode)));
            if (!user.IsIn(Roles.Supervisor) && !user.IsIn(Roles.Mediator))
                q = user.IsIn(Roles.PetitionOfficer) ? q.Where(c => c.Kind == CaseKind.Petition) : q.Where(c => false);
        }
        if (kind is not null) q = q.Where(c => c.Kind == kind);
        if (status is not null) q = q.Where(c => c.Status == status);
        if (!string.IsNullOrEmpty(regionCode))
            q = q.Where(c => c.RegionCode == regionCode || c.TownCode == regionCode || c.DistrictCode == regionCode);
        if (category is not null) q = q.Where(c => c.Category == category);
        if (assignedMediatorId is not null) q = q.Where(c => c.AssignedMediatorId == assignedMediatorId);
        if (riskLevel is not null) q = q.Where(c => c.RiskLevel == riskLevel);
        if (receivedFrom is not null) q = q.Where(c => c.ReceivedAt >= receivedFrom);
        if (receivedTo is not null) q = q.Where(c => c.ReceivedAt < receivedTo);
        var total = await q.CountAsync(ct);
        var items = await q.Include(c => c.Parties).OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return TypedResults.Ok(new CasePage(items.Select(c => CaseResponse.From(c, now)).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<List<TimelineEntryResponse>>, NotFound>> Timeline(
        Guid id, CasesDbContext db, CurrentUser user, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        var entries = await db.Timeline.AsNoTracking().Where(t => t.CaseId == id)
            .OrderBy(t => t.Version).ThenBy(t => t.RecordedAt).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(t => new TimelineEntryResponse(t.Version, t.Action, t.Actor, t.OccurredAt, t.RecordedAt, t.Details)).ToList());
    }
}
