using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.Cases.Features.Audit;

/// <summary><c>GET /api/audit</c> on the case service: its own chain (ADR 0022); the gateway's <c>/api/audit</c> merges it with its own.</summary>
public static class AuditEndpoint
{
    public static void MapAuditTrail(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", Read)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Auditor))
            .WithTags("Audit (审计)").WithName("GetCasesAuditTrail")
            .WithSummary("The case service's security audit trail: unmasked reads, ID-number searches, documents issued, imports (admin, auditor)")
            .WithDescription("Newest first, paged `{ items, page, pageSize ≤ 500, total }`; `kind`, `from`, `to` (exclusive) filter. Insert-only and hash-chained (ADR 0022); " +
                "the gateway's `GET /api/audit` merges this chain with its own.")
            .Produces<Paged<AuditEntryResponse>>().ProducesValidationProblem();

    private static Task<Results<Ok<Paged<AuditEntryResponse>>, ValidationProblem>> Read([MaxLength(60)] string? kind, DateTimeOffset? from, DateTimeOffset? to,
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 500)] int? pageSize, CasesDbContext db, CancellationToken ct) =>
        AuditTrail.ReadAsync(db, "cases", kind, from, to, page, pageSize, ct);
}
