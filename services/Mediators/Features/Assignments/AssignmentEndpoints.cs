using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Domain;
using MediationPlatform.Mediators.Features.Mediators;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

public static class AssignmentEndpoints
{
    public static RouteGroupBuilder MapAssignmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assignments").WithTags("Assignments (分派)");
        group.MapPost("/", Assign)
            .Produces<AssignmentResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Assign or reassign a dispute (分派/改派)")
            .WithDescription("Supervisors in their jurisdiction and admins. Without `mediatorId` the assignment ladder picks " +
                "(the current mediator excluded); with it the mediator must be active and serve the case's village, town or " +
                "district, and below `maxActiveCases` unless `allowOverCapacity: true` (a supervisor's deliberate choice). " +
                "Reassignment moves the workload to the new mediator and publishes MediatorAssigned with `previousMediatorId`. " +
                "Optional `occurredAt` (not in the future, not before the case was received or the previous assignment). " +
                "Unknown or foreign case → 404; a case that has ended → 409. `Idempotency-Key` honoured.")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor))
            .Idempotent<MediatorsDbContext>("assign");
        group.MapGet("/", List).Produces<Paged<AssignmentResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Assignment history of a case (`?caseId=`), newest first")
            .WithDescription("Admins; supervisors and mediators for cases in their regions (a foreign case answers 404). Paged `{ items, page, pageSize, total }`.")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor, Roles.Mediator));
        group.MapGet("/unassigned", Unassigned).Produces<Paged<UnassignedCase>>().ProducesValidationProblem()
            .WithSummary("Disputes nobody could be assigned to automatically (supervisors' list, 待分派)")
            .WithDescription("Open disputes in your regions without a mediator, oldest first; paged `{ items, page, pageSize, total }`.")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));
        return group;
    }

    private static async Task<IResult> Assign(AssignRequest request, HttpContext http, MediatorsDbContext db, CurrentUser user, CapacityQueue queue,
        TimeProvider clock, CancellationToken ct)
    {
        var idempotency = Idempotency.Of(http);
        if (request.CaseId is not { } caseId)
            return new Validation().Add("caseId", "'caseId' is required.").Problem();
        // Workload counters and the case's current mediator are guarded by xmin: a concurrent change runs the whole
        // assignment again (RaceRetry); one still losing after that answers 503 with Retry-After, never 409.
        try
        {
            return await RaceRetry.Pipeline.ExecuteAsync(async token => await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(cancel);
                var (commit, result) = await TryAssignAsync(caseId, request, db, user, idempotency, clock, cancel);
                if (!commit) return result;
                await tx.CommitAsync(cancel);
                // a reassignment gave the previous mediator room: the capacity queue may hand them a waiting dispute
                if (db.Assignments.Local.FirstOrDefault() is { PreviousMediatorId: { } previous }) queue.Signal(previous);
                return result;
            }, token), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new RetryAfterResult(1, TypedResults.Problem(statusCode: 503, title: "Busy",
                detail: "The case or a mediator's workload kept changing at the same moment; nothing was changed. Retry in a second."));
        }
    }

    /// <summary>One attempt inside a transaction: the case's row locked, the workload moved in single statements; (commit?, answer).</summary>
    private static async Task<(bool, IResult)> TryAssignAsync(Guid caseId, AssignRequest request, MediatorsDbContext db, CurrentUser user,
        Idempotency? idempotency, TimeProvider clock, CancellationToken ct)
    {
        var c = await Workload.LockCaseAsync(db, caseId, ct);
        if (idempotency is not null && await idempotency.ReplayAsync(ct) is { } replay) return (false, replay); // a concurrent retry of this request won
        if (c is null || !user.Covers(c.Place)) return (false, TypedResults.NotFound());
        if (c.Closed)
            return (false, TypedResults.Problem(statusCode: 409, title: "Case has ended", detail: "A case that has ended cannot be (re)assigned."));
        if (c.Kind != CaseKind.Dispute)
            return (false, TypedResults.Problem(statusCode: 409, title: "Not a dispute", detail: "Petitions are handled by petition officers, not assigned to mediators."));

        var now = clock.GetUtcNow();
        var at = request.OccurredAt ?? now;
        var v = new Validation().NotInFuture("occurredAt", at, now).MaxLength("reason", request.Reason, 500);
        if (at < c.ReceivedAt) v.Add("occurredAt", "'occurredAt' may not lie before the case was received.");
        var last = await db.Assignments.Where(a => a.CaseId == caseId).OrderByDescending(a => a.RecordedAt).FirstOrDefaultAsync(ct);
        if (last is not null && at < last.AssignedAt) v.Add("occurredAt", "'occurredAt' may not lie before the previous assignment.");

        Mediator? chosen = null;
        string? rung = null;
        if (request.MediatorId is { } wanted)
        {
            chosen = await db.Mediators.AsNoTracking().FirstOrDefaultAsync(m => m.Id == wanted, ct);
            if (Eligibility.WhyNot(chosen, c.Place) is { } why) v.Add("mediatorId", $"Mediator {why}.");
            else if (chosen!.Id == c.AssignedMediatorId) v.Add("mediatorId", "The case is already assigned to this mediator.");
            else if (!Eligibility.HasRoom(chosen.ActiveCases, chosen.MaxActiveCases) && request.AllowOverCapacity != true)
                v.Add("mediatorId", $"Mediator is at capacity ({chosen.ActiveCases}/{chosen.MaxActiveCases}); set 'allowOverCapacity' to assign anyway.");
        }
        if (!v.IsValid) return (false, v.Problem());

        if (chosen is null)
        {
            var decision = await AutomaticAssignment.ChooseAsync(db, c, null, c.AssignedMediatorId, ct);
            if (decision.MediatorId is not { } picked)
                return (false, TypedResults.Problem(statusCode: 409, title: "No mediator qualifies",
                    detail: "No other active mediator serving the case's place has capacity; name one with 'mediatorId'."));
            chosen = await db.Mediators.AsNoTracking().SingleAsync(x => x.Id == picked, ct);
            rung = decision.Rung;
        }

        // the workload moves in single statements: concurrent assignments to one mediator never lose an update
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? rung : request.Reason.Trim();
        var assignment = await AutomaticAssignment.RecordAsync(db, c, chosen.Id, reason, automatic: request.MediatorId is null, at, now, user.Id,
            request.AllowOverCapacity == true, ct);
        if (assignment is null)
            return (false, new Validation().Add("mediatorId", "The mediator reached capacity meanwhile; set 'allowOverCapacity' to assign anyway.").Problem());
        var response = AssignmentResponse.From(assignment);
        var location = $"/api/assignments?caseId={caseId}";
        idempotency?.Record(StatusCodes.Status201Created, response, location);
        await db.SaveChangesAsync(ct);
        return (true, TypedResults.Created(location, response));
    }

    private static async Task<Results<Ok<Paged<AssignmentResponse>>, ValidationProblem, NotFound>> List(Guid? caseId, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 200)] int? pageSize,
        MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, maxSize: 200);
        if (!v.IsValid) return v.Problem();
        var query = db.Assignments.AsNoTracking();
        if (caseId is { } id)
        {
            var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.CaseId == id, ct);
            if (c is null || !user.Covers(c.Place)) return TypedResults.NotFound();
            query = query.Where(a => a.CaseId == id);
        }
        else if (!user.IsAdmin)
        {
            var visible = user.InRegions(db.Cases).Select(c => c.CaseId);
            query = query.Where(a => visible.Contains(a.CaseId));
        }
        return TypedResults.Ok(await query.OrderByDescending(a => a.RecordedAt).ThenBy(a => a.Id).ToPageAsync(paging, AssignmentResponse.From, ct));
    }

    private static async Task<Results<Ok<Paged<UnassignedCase>>, ValidationProblem>> Unassigned([Range(1, PageRequest.MaxPage)] int? page, [Range(1, 200)] int? pageSize,
        MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, maxSize: 200);
        if (!v.IsValid) return v.Problem();
        var query = user.InRegions(db.Cases.AsNoTracking()).Where(c => c.Kind == CaseKind.Dispute && c.AssignedMediatorId == null && !c.Closed);
        return TypedResults.Ok(await query.OrderBy(c => c.ReceivedAt).ThenBy(c => c.CaseId).ToPageAsync(paging,
            c => new UnassignedCase(c.CaseId, c.Number, c.RegionCode, c.Category, c.RiskLevel, c.ReceivedAt), ct));
    }
}
