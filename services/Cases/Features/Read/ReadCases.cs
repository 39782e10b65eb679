using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Deadlines;
using MediationPlatform.Cases.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
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
        group.MapGet("/{id:guid}", GetOne).WithSummary("One case (案件), with an ETag of its version")
            .WithDescription("Parties' ID numbers and phones are masked. Send the `ETag` back as `If-Match` on a change to get 412 instead of overwriting a newer one. A case outside your regions (or of a kind your role does not handle) answers 404.");
        group.MapGet("/", List).WithSummary("Cases visible to the caller, filtered and paged (pageSize ≤ 200)")
            .WithDescription("Filters: kind, status, regionCode (a town covers its villages), category, assignedMediatorId, riskLevel, receivedFrom/receivedTo, overdue, q (title, description or number), idNumber (exact, through the keyed hash — the number itself is never stored in clear).");
        group.MapGet("/{id:guid}/timeline", Timeline).WithSummary("Every change of a case: what, who, when it happened, when it was recorded")
            .WithDescription("Ordered by version; `occurredAt` is when the step happened (as entered, possibly back-dated), `recordedAt` when it was typed in. Entries without a version bump (overdue notices, risk-register links) carry the version they were made at. No personal data in `details`.");
    }

    private static async Task<Results<Ok<CaseResponse>, NotFound>> GetOne(
        Guid id, CasesDbContext db, CurrentUser user, HttpContext http, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).Include(x => x.Referrals).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        http.Response.Headers.ETag = CaseResponse.ETagOf(c.Version);
        return TypedResults.Ok(CaseResponse.From(c, DateTimeOffset.UtcNow));
    }

    private static async Task<Results<Ok<CasePage>, ValidationProblem>> List(
        CasesDbContext db, CurrentUser user, string? kind, string? status, string? regionCode,
        string? category, Guid? assignedMediatorId, string? riskLevel,
        DateTimeOffset? receivedFrom, DateTimeOffset? receivedTo, bool? overdue, string? idNumber, string? q,
        PersonalDataProtector protector, int? page, int? pageSize, CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        var v = new Validation();
        if (p < 1) v.Add("page", "'page' must be at least 1.");
        if (size is < 1 or > MaxPageSize) v.Add("pageSize", $"'pageSize' must be 1–{MaxPageSize}.");
        var kindFilter = SnakeEnum.Filter<CaseKind>(kind, "kind", v);
        var statusFilter = SnakeEnum.Filter<CaseStatus>(status, "status", v);
        var categoryFilter = SnakeEnum.Filter<DisputeCategory>(category, "category", v);
        var riskFilter = SnakeEnum.Filter<RiskLevel>(riskLevel, "riskLevel", v);
        if (!v.IsValid) return v.Problem();
        var query = db.Cases.AsNoTracking();
        if (!user.IsAdmin)
        {
            var regions = user.RegionCodes.ToList();
            query = query.Where(c => regions.Contains(c.RegionCode) || (c.TownCode != null && regions.Contains(c.TownCode))
                || (c.DistrictCode != null && regions.Contains(c.DistrictCode)));
            if (!user.IsIn(Roles.Supervisor) && !user.IsIn(Roles.Mediator))
                query = user.IsIn(Roles.PetitionOfficer) ? query.Where(c => c.Kind == CaseKind.Petition) : query.Where(c => false);
        }
        if (kindFilter is { } k) query = query.Where(c => c.Kind == k);
        if (statusFilter is { } st) query = query.Where(c => c.Status == st);
        if (!string.IsNullOrEmpty(regionCode))
            query = query.Where(c => c.RegionCode == regionCode || c.TownCode == regionCode || c.DistrictCode == regionCode);
        if (categoryFilter is { } cat) query = query.Where(c => c.Category == cat);
        if (assignedMediatorId is not null) query = query.Where(c => c.AssignedMediatorId == assignedMediatorId);
        if (riskFilter is { } r) query = query.Where(c => c.RiskLevel == r);
        if (receivedFrom is not null) query = query.Where(c => c.ReceivedAt >= receivedFrom);
        if (receivedTo is not null) query = query.Where(c => c.ReceivedAt < receivedTo);
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            var hash = protector.HashIdNumber(idNumber);
            query = query.Where(c => c.Parties.Any(p => p.IdNumberHash == hash));
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(c => EF.Functions.ILike(c.Title, "%" + text + "%") || EF.Functions.ILike(c.Description, "%" + text + "%") || c.Number == text);
        }
        if (overdue is { } late)
            query = query.Where(late ? OverdueRule.IsOverdue(DateTimeOffset.UtcNow) : OverdueRule.IsNotOverdue(DateTimeOffset.UtcNow));
        var total = await query.CountAsync(ct);
        var items = await query.Include(c => c.Parties).OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id)
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
