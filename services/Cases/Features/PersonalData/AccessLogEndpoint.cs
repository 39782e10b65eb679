using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary><c>GET /api/access-log?caseId=</c> (admins, supervisors): who read which case's personal data, when and why.</summary>
public static class AccessLogEndpoint
{
    public static void MapAccessLog(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/access-log", Log).WithTags("Cases (案件)")
            .Produces<Paged<AccessLogResponse>>().ProducesValidationProblem()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor))
            .WithSummary("Who read which case's personal data, when and why (`?caseId=`; admins and supervisors)")
            .WithDescription("The access log (个人信息保护法): unmasked reads (`kind: unmask`), ID-number searches (`search`, with `matchedCaseIds`) agencies' reads of a referral's parties (`referral_parties`) and documents printed unmasked (`document`, the purpose prefixed with the document kind) — user, roles, purpose, time; newest first, paged `{ items, page, pageSize, total }`. Without `caseId` the entries of the cases you can see (admins: all, including searches that matched nothing); a case you cannot see answers 404; other roles 403.");

    private static async Task<Results<Ok<Paged<AccessLogResponse>>, ValidationProblem, NotFound>> Log(Guid? caseId, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 500)] int? pageSize,
        CasesDbContext db, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, maxSize: 500);
        if (!v.IsValid) return v.Problem();
        var q = db.AccessLog.AsNoTracking();
        if (caseId is { } cid)
        {
            var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == cid, ct);
            if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
            q = q.Where(e => e.CaseId == cid || e.MatchedCaseIds.Contains(cid));
        }
        else if (!user.IsAdmin)
        {
            // a supervisor sees the reads of the cases they can see and the searches that matched one of them
            var visible = CaseAccess.Visible(user, db.Cases).Select(c => c.Id);
            q = q.Where(e => (e.CaseId != null && visible.Contains(e.CaseId.Value)) || e.MatchedCaseIds.Any(id => visible.Contains(id)));
        }
        return TypedResults.Ok(await q.OrderByDescending(e => e.At).ThenBy(e => e.Id).ToPageAsync(paging, AccessLogResponse.From, ct));
    }
}
