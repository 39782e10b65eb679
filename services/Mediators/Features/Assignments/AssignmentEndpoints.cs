using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed record AssignmentResponse(
    Guid Id, Guid CaseId, Guid MediatorId, Guid? PreviousMediatorId, bool Automatic, string? Reason, DateTimeOffset AssignedAt)
{
    public static AssignmentResponse From(Assignment a) =>
        new(a.Id, a.CaseId, a.MediatorId, a.PreviousMediatorId, a.Automatic, a.Reason, a.AssignedAt);
}

public sealed record UnassignedCase(Guid CaseId, string Number, string RegionCode, DisputeCategory Category, RiskLevel RiskLevel, DateTimeOffset ReceivedAt);

/// <summary>`allowOverCapacity`: a supervisor's deliberate choice of a mediator already at `maxActiveCases`.</summary>
public sealed record AssignRequest(Guid? CaseId, Guid? MediatorId, string? Reason, DateTimeOffset? OccurredAt, bool? AllowOverCapacity);

public static class AssignmentEndpoints
{
    public static RouteGroupBuilder MapAssignmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assignments").WithTags("Assignments (分派)");
        group.MapPost("/", Assign)
            .WithSummary("Assign or reassign a dispute (分派/改派)")
            .WithDescription("Supervisors in their jurisdiction and admins. Without `mediatorId` the assignment ladder picks " +
                "(the current mediator excluded); with it the mediator must be active and serve the case's village, town or " +
                "district, and below `maxActiveCases` unless `allowOverCapacity: true` (a supervisor's deliberate choice). " +
                "Reassignment moves the workload to the new mediator and publishes MediatorAssigned with `previousMediatorId`. " +
                "Optional `occurredAt` (not in the future, not before the case was received or the previous assignment). " +
                "Unknown or foreign case → 404; a case that has ended → 409. `Idempotency-Key` honoured.")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));
        group.MapGet("/", List).WithSummary("Assignment history of a case (`?caseId=`), newest first")
            .WithDescription("Admins; supervisors and mediators for cases in their regions (a foreign case answers 404).")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor, Roles.Mediator));
        group.MapGet("/unassigned", Unassigned)
            .WithSummary("Disputes nobody could be assigned to automatically (supervisors' list, 待分派)")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));
        return group;
    }

    public static bool Serves(Mediator m, CaseRef c) =>
        m.RegionCodes.Contains(c.RegionCode)
        || (c.TownCode is not null && m.RegionCodes.Contains(c.TownCode))
        || (c.DistrictCode is not null && m.RegionCodes.Contains(c.DistrictCode));

    private static async Task<IResult> Assign(AssignRequest request, HttpContext http, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var idempotency = new Idempotency(http, db, user);
        var hash = Idempotency.Hash("assign", request);
        if (await idempotency.ReplayAsync(hash, ct) is { } replay) return replay;
        if (request.CaseId is not { } caseId)
            return new Validation().Add("caseId", "'caseId' is required.").Problem();
        // Workload counters and the case's current mediator are guarded by xmin: a concurrent change retries from scratch.
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                return await TryAssignAsync(caseId, request, db, user, idempotency, hash, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                if (attempt >= 4)
                    return TypedResults.Problem(statusCode: 409, title: "Concurrent change",
                        detail: "The case or a mediator's workload kept changing meanwhile; try again.");
                await Task.Delay(Random.Shared.Next(5, 40), ct);
            }
            catch (DbUpdateException ex) when (Idempotency.IsDuplicateKey(ex))
            {
                db.ChangeTracker.Clear();
                return await idempotency.ReplayAsync(hash, ct) ?? TypedResults.Conflict();
            }
        }
    }

    private static async Task<IResult> TryAssignAsync(Guid caseId, AssignRequest request, MediatorsDbContext db, CurrentUser user,
        Idempotency idempotency, string hash, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.CaseId == caseId, ct);
        if (c is null || !user.Covers(c.RegionCode, c.TownCode, c.DistrictCode)) return TypedResults.NotFound();
        if (c.Closed)
            return TypedResults.Problem(statusCode: 409, title: "Case has ended", detail: "A case that has ended cannot be (re)assigned.");
        if (c.Kind != CaseKind.Dispute)
            return TypedResults.Problem(statusCode: 409, title: "Not a dispute", detail: "Petitions are handled by petition officers, not assigned to mediators.");

        var now = DateTimeOffset.UtcNow;
        var at = request.OccurredAt ?? now;
        var v = new Validation().NotInFuture("occurredAt", at, now).MaxLength("reason", request.Reason, 500);
        if (at < c.ReceivedAt) v.Add("occurredAt", "'occurredAt' may not lie before the case was received.");
        var last = await db.Assignments.Where(a => a.CaseId == caseId).OrderByDescending(a => a.RecordedAt).FirstOrDefaultAsync(ct);
        if (last is not null && at < last.AssignedAt) v.Add("occurredAt", "'occurredAt' may not lie before the previous assignment.");

        Mediator? chosen = null;
        string? rung = null;
        if (request.MediatorId is { } wanted)
        {
            chosen = await db.Mediators.FirstOrDefaultAsync(m => m.Id == wanted, ct);
            if (chosen is null) v.Add("mediatorId", "Mediator does not exist.");
            else if (!chosen.Active) v.Add("mediatorId", "Mediator is not active.");
            else if (!Serves(chosen, c)) v.Add("mediatorId", "Mediator does not serve the case's village, town or district.");
            else if (chosen.Id == c.AssignedMediatorId) v.Add("mediatorId", "The case is already assigned to this mediator.");
            else if (chosen.ActiveCases >= chosen.MaxActiveCases && request.AllowOverCapacity != true)
                v.Add("mediatorId", $"Mediator is at capacity ({chosen.ActiveCases}/{chosen.MaxActiveCases}); set 'allowOverCapacity' to assign anyway.");
        }
        if (!v.IsValid) return v.Problem();

        if (chosen is null)
        {
            var codes = new[] { c.RegionCode, c.TownCode, c.DistrictCode }.OfType<string>().ToList();
            var mediators = await db.Mediators
                .Where(x => x.Active && x.Id != c.AssignedMediatorId && x.RegionCodes.Any(r => codes.Contains(r)))
                .ToListAsync(ct);
            var decision = AssignmentPolicy.Choose(
                new CaseToAssign(c.RegionCode, c.TownCode, c.DistrictCode, c.Category, c.RiskLevel, null),
                mediators.Select(x => new MediatorCandidate(x.Id, x.Kind, x.RegionCodes, x.Specialties, x.MaxActiveCases,
                    x.ActiveCases, x.LastAssignedAt, x.Active)).ToList());
            if (decision.MediatorId is not { } picked)
                return TypedResults.Problem(statusCode: 409, title: "No mediator qualifies",
                    detail: "No other active mediator serving the case's place has capacity; name one with 'mediatorId'.");
            chosen = mediators.Single(x => x.Id == picked);
            rung = decision.Rung;
        }

        var previousId = c.AssignedMediatorId;
        if (previousId is { } prev && await db.Mediators.FirstOrDefaultAsync(m => m.Id == prev, ct) is { } previous)
            previous.ActiveCases = Math.Max(0, previous.ActiveCases - 1);
        chosen.ActiveCases++;
        chosen.LastAssignedAt = now;
        c.AssignedMediatorId = chosen.Id;
        var assignment = new Assignment
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            MediatorId = chosen.Id,
            PreviousMediatorId = previousId,
            Automatic = request.MediatorId is null,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? rung : request.Reason.Trim(),
            AssignedAt = at,
            RecordedAt = now,
            AssignedBy = user.Id,
        };
        db.Assignments.Add(assignment);
        db.AddOutboxMessage(new MediatorAssigned(caseId, assignment.Id, chosen.Id, previousId, assignment.Automatic,
            assignment.Reason, at, now), caseId);
        var response = AssignmentResponse.From(assignment);
        var location = $"/api/assignments?caseId={caseId}";
        idempotency.Record(hash, StatusCodes.Status201Created, response, location);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(location, response);
    }

    private static async Task<IResult> List(Guid? caseId, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var query = db.Assignments.AsNoTracking();
        if (caseId is { } id)
        {
            var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.CaseId == id, ct);
            if (c is null || !user.Covers(c.RegionCode, c.TownCode, c.DistrictCode)) return TypedResults.NotFound();
            query = query.Where(a => a.CaseId == id);
        }
        else if (!user.IsAdmin)
        {
            var regions = user.RegionCodes.ToList();
            var visible = db.Cases.Where(c => regions.Contains(c.RegionCode) || (c.TownCode != null && regions.Contains(c.TownCode))
                || (c.DistrictCode != null && regions.Contains(c.DistrictCode))).Select(c => c.CaseId);
            query = query.Where(a => visible.Contains(a.CaseId));
        }
        var list = await query.OrderByDescending(a => a.RecordedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(AssignmentResponse.From).ToList());
    }

    private static async Task<Ok<List<UnassignedCase>>> Unassigned(MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var query = db.Cases.AsNoTracking().Where(c => c.Kind == CaseKind.Dispute && c.AssignedMediatorId == null && !c.Closed);
        if (!user.IsAdmin)
        {
            var regions = user.RegionCodes.ToList();
            query = query.Where(c => regions.Contains(c.RegionCode) || (c.TownCode != null && regions.Contains(c.TownCode))
                || (c.DistrictCode != null && regions.Contains(c.DistrictCode)));
        }
        var list = await query.OrderBy(c => c.ReceivedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(c => new UnassignedCase(c.CaseId, c.Number, c.RegionCode, c.Category, c.RiskLevel, c.ReceivedAt)).ToList());
    }
}
