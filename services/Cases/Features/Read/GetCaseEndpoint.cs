using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Read;

/// <summary><c>GET /api/cases/{id}</c> with an ETag of its version.</summary>
public static class GetCaseEndpoint
{
    public static void MapGetCase(this RouteGroupBuilder group) =>
        group.MapGet("/{id:guid}", GetOne).WithSummary("One case (案件), with an ETag of its version")
            .WithMetadata(CaseResponse.ETagHeader)
            .WithDescription("Parties' ID numbers and phones are masked. Send the `ETag` back as `If-Match` on a change to get 412 instead of overwriting a newer one. `allowedActions` lists what the case allows now; `deadlines.current`/`deadlines.dueAt` the deadline it runs against. A case outside your regions (or of a kind your role does not handle) answers 404.");

    private static async Task<Results<Ok<CaseResponse>, NotFound>> GetOne(
        Guid id, CasesDbContext db, CurrentUser user, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).Include(x => x.Referrals).Include(x => x.Links).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        http.Response.Headers.ETag = CaseResponse.ETagOf(c.Version);
        return TypedResults.Ok(CaseResponse.From(c, time.GetUtcNow()));
    }
}
