using MediationPlatform.Contracts;
using MediationPlatform.Mediators.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed record AssignmentResponse(Guid Id, Guid CaseId, Guid MediatorId, bool Automatic, string? Reason, DateTimeOffset AssignedAt);

public sealed record UnassignedCase(Guid CaseId, string Number, string RegionCode, DisputeCategory Category, RiskLevel RiskLevel, DateTimeOffset ReceivedAt);

public static class AssignmentEndpoints
{
    public static RouteGroupBuilder MapAssignmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assignments").WithTags("Assignments (分派)");
        group.MapGet("/", List).WithSummary("Assignments of a case (`?caseId=`), newest first")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor, Roles.Mediator));
        group.MapGet("/unassigned", Unassigned)
            .WithSummary("Disputes nobody could be assigned to automatically (supervisors' list, 待分派)")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));
        return group;
    }

    private static async Task<Ok<List<AssignmentResponse>>> List(Guid? caseId, MediatorsDbContext db, CancellationToken ct)
    {
        var query = db.Assignments.AsNoTracking();
        if (caseId is { } id) query = query.Where(a => a.CaseId == id);
        var list = await query.OrderByDescending(a => a.RecordedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(a => new AssignmentResponse(a.Id, a.CaseId, a.MediatorId, a.Automatic, a.Reason, a.AssignedAt)).ToList());
    }

    private static async Task<Ok<List<UnassignedCase>>> Unassigned(MediatorsDbContext db, CancellationToken ct)
    {
        var list = await db.Cases.AsNoTracking()
            .Where(c => c.Kind == CaseKind.Dispute && c.AssignedMediatorId == null && !c.Closed)
            .OrderBy(c => c.ReceivedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(c => new UnassignedCase(c.CaseId, c.Number, c.RegionCode, c.Category, c.RiskLevel, c.ReceivedAt)).ToList());
    }
}
