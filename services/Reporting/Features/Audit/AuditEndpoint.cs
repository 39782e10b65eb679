using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.Reporting.Features.Audit;

/// <summary><c>GET /api/audit</c> on the reporting service: its own chain (exports); the gateway's <c>/api/audit</c> merges it.</summary>
public static class AuditEndpoint
{
    public static void MapAuditTrail(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", Read)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Auditor))
            .WithTags("Audit (审计)").WithName("GetReportingAuditTrail")
            .WithSummary("The reporting service's security audit trail: exports of the annual report and the statistics form (admin, auditor)")
            .WithDescription("Newest first, paged `{ items, page, pageSize ≤ 500, total }`; `kind`, `from`, `to` (exclusive) filter. Insert-only and hash-chained (ADR 0022).")
            .Produces<Paged<AuditEntryResponse>>().ProducesValidationProblem();

    private static Task<Results<Ok<Paged<AuditEntryResponse>>, ValidationProblem>> Read([MaxLength(60)] string? kind, DateTimeOffset? from, DateTimeOffset? to,
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 500)] int? pageSize, ReportingDbContext db, CancellationToken ct) =>
        AuditTrail.ReadAsync(db, "reporting", kind, from, to, page, pageSize, ct);
}
