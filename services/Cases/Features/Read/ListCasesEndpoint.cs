using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Read;

/// <summary><c>GET /api/cases</c>: the cases the caller may see, filtered, sorted and paged.</summary>
public static class ListCasesEndpoint
{
    public const int MaxPageSize = 200;

    public static void MapListCases(this RouteGroupBuilder group) =>
        group.MapGet("/", List).Produces<Paged<CaseResponse>>().ProducesValidationProblem().WithSummary("Cases visible to the caller, filtered, sorted and paged (pageSize ≤ 200)")
            .WithDescription("Filters: kind, status, regionCode (a town covers its villages), category, source, assignedMediatorId, riskLevel, " +
                "receivedFrom/receivedTo, overdue, dueBefore (the running deadline lies before it), dueWithinDays (due from now to the end of the " +
                "N-th day, CST; not overdue), q (title, description or number; % and _ match themselves), idNumber with purpose (exact, through " +
                "the keyed hash — the number itself is never stored in clear; only supervisors, petition officers and a case's own mediator, " +
                "each search logged with its purpose and matches, 30 an hour per user, then 429). sort: -received (default), received, due (nearest running deadline first). " +
                "Each item carries its parties (masked) and referrals.");

    private static async Task<IResult> List(
        CaseStore store, CurrentUser user, IdNumberSearch search, TimeProvider time,
        [SnakeEnumOf(typeof(CaseKind))] string? kind, [SnakeEnumOf(typeof(CaseStatus))] string? status, [MaxLength(40)] string? regionCode,
        [SnakeEnumOf(typeof(DisputeCategory))] string? category, [SnakeEnumOf(typeof(CaseSource))] string? source, Guid? assignedMediatorId,
        [SnakeEnumOf(typeof(RiskLevel))] string? riskLevel, DateTimeOffset? receivedFrom, DateTimeOffset? receivedTo, bool? overdue,
        DateTimeOffset? dueBefore, [Range(0, 366)] int? dueWithinDays, [MaxLength(30)] string? idNumber, [MaxLength(500)] string? purpose,
        [MaxLength(200)] string? q, [AllowedValues("due", "received", "-received")] string? sort,
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, MaxPageSize)] int? pageSize, CancellationToken ct)
    {
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, maxSize: MaxPageSize);
        var kindFilter = SnakeEnum.Filter<CaseKind>(kind, "kind", v);
        var statusFilter = SnakeEnum.Filter<CaseStatus>(status, "status", v);
        var categoryFilter = SnakeEnum.Filter<DisputeCategory>(category, "category", v);
        var sourceFilter = SnakeEnum.Filter<CaseSource>(source, "source", v);
        var riskFilter = SnakeEnum.Filter<RiskLevel>(riskLevel, "riskLevel", v);
        if (dueWithinDays is < 0 or > 366) v.Add("dueWithinDays", "'dueWithinDays' must be 0–366.");
        if (sort is not (null or "received" or "-received" or "due")) v.Add("sort", "'sort' must be one of: due, received, -received.");
        v.MaxLength("q", q, 200).MaxLength("regionCode", regionCode, 40).MaxLength("idNumber", idNumber, 30);
        if (!v.IsValid) return v.Problem();
        var byIdNumber = !string.IsNullOrWhiteSpace(idNumber);
        if (byIdNumber && await search.RefusalAsync(user, purpose, ct) is { } refused) return refused;

        var now = time.GetUtcNow();
        var query = CaseAccess.Visible(user, store.Db.Cases.AsNoTracking());
        if (kindFilter is { } k) query = query.Where(c => c.Kind == k);
        if (statusFilter is { } st) query = query.Where(c => c.Status == st);
        if (!string.IsNullOrEmpty(regionCode)) query = query.Within(regionCode);
        if (categoryFilter is { } cat) query = query.Where(c => c.Category == cat);
        if (sourceFilter is { } src) query = query.Where(c => c.Source == src);
        if (assignedMediatorId is not null) query = query.Where(c => c.AssignedMediatorId == assignedMediatorId);
        if (riskFilter is { } r) query = query.Where(c => c.RiskLevel == r);
        if (receivedFrom is not null) query = query.Where(c => c.ReceivedAt >= receivedFrom);
        if (receivedTo is not null) query = query.Where(c => c.ReceivedAt < receivedTo);
        if (overdue is { } late) query = late ? query.Where(c => c.DueAt < now) : query.Where(c => c.DueAt == null || c.DueAt >= now);
        if (dueBefore is { } before) query = query.Where(c => c.DueAt < before);
        if (dueWithinDays is { } days)
        {
            var horizon = ChinaTime.EndOfDay(time.ChinaToday().AddDays(days));
            query = query.Where(c => c.DueAt >= now && c.DueAt <= horizon);
        }
        if (byIdNumber) query = search.Filter(query, user, idNumber!);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            var pattern = LikePattern.Contains(text);
            query = query.Where(c => EF.Functions.ILike(c.Title, pattern, LikePattern.Escape)
                || EF.Functions.ILike(c.Description, pattern, LikePattern.Escape) || c.Number == text);
        }
        IOrderedQueryable<Case> ordered = sort switch
        {
            "due" => query.OrderBy(c => c.DueAt == null).ThenBy(c => c.DueAt).ThenBy(c => c.Id),
            "received" => query.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id),
        };
        var withChildren = ordered.Include(c => c.Parties).Include(c => c.Referrals).Include(c => c.Links).AsSplitQuery();
        var result = await withChildren.ToPageAsync(paging, c => CaseResponse.From(c, now), ct);
        if (byIdNumber) await search.LogAsync(user, purpose!, query, ct);
        return TypedResults.Ok(result);
    }
}
