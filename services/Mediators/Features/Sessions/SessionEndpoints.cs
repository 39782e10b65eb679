using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Domain;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Sessions;

/// <summary>
/// Mediation sessions (调解会): load → <see cref="SessionRules"/> → save. Double booking of a mediator or a room is
/// prevented by the database (exclusion constraint over booking rows, see <see cref="SessionBooking"/>); a violation
/// (SQLSTATE 23P01) answers 409 naming the booked resources. Intervals are half-open: one session may start exactly
/// when another ends.
/// </summary>
public static class SessionEndpoints
{
    public const string NoOverlapConstraint = "session_bookings_no_overlap";

    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/sessions").WithTags("Sessions (调解会)")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor, Roles.Mediator));
        g.MapPost("/", Schedule).Produces<SessionResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithSummary("Book a mediation session (安排调解会)")
            .WithDescription("Admins, supervisors and mediators for cases in their regions. `mediatorIds` (≥ 1, active, serving the case's place), optional " +
                "`roomId` (an organisation of kind `mediation_room` serving the case's place), `startsAt` < `endsAt` (at most 12 h), optional `occurredAt` (when it was booked; back-filling). 409 when a mediator " +
                "or the room is already booked in an overlapping interval (`conflicts` names them); touching intervals are fine. " +
                "Publishes SessionScheduled. `Idempotency-Key` honoured.")
            .Idempotent<MediatorsDbContext>("schedule-session");
        g.MapPost("/{id:guid}/record", Record).Produces<SessionResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Record the outcome of a session (记录调解会): held or not, attendees, summary")
            .WithDescription("Once per session (a second record answers 409, as does a cancelled session). A session cannot be recorded as held before it starts. " +
                "Optional `occurredAt`. Publishes SessionHeld (with the summary, for the case's 调解记录).");
        g.MapPost("/{id:guid}/reschedule", Reschedule).Produces<SessionResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Move a session to another time (调解会改期)")
            .WithDescription("Admins, supervisors and mediators for sessions in their regions (another region's: 404), until its outcome is recorded. " +
                "`startsAt` < `endsAt` (at most 12 h), optional `location` (absent keeps it), optional `occurredAt`. The same mediators " +
                "and room, checked again as when booking (active, a room not wound up: else 400): for other people, cancel it and book a new one. 409 when the session was cancelled or its outcome recorded, when " +
                "the case has ended, or " +
                "when a mediator or the room is booked in the new interval (`conflicts` names them; the session's own booking does not " +
                "count). The same time and place again changes nothing. Publishes SessionRescheduled; the case's timeline shows " +
                "`session_rescheduled`.");
        g.MapPost("/{id:guid}/cancel", Cancel).Produces<SessionResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Call a session off (取消调解会)")
            .WithDescription("Admins, supervisors and mediators for sessions in their regions (another region's: 404), until its outcome is " +
                "recorded. `reason` is required (≤ 500 characters; kept with the session, not sent to other services), optional " +
                "`occurredAt`. The mediators and the room are free at once. 409 when it was cancelled already or its outcome recorded " +
                "(a session that did not take place is recorded with `held: false`). Publishes SessionCancelled; the case's timeline " +
                "shows `session_cancelled`. The figures count a session when it was booked, so a cancelled one stays in " +
                "`sessions.scheduled` and never reaches `held`.");
        g.MapGet("/", List).Produces<Paged<SessionResponse>>().ProducesValidationProblem().WithSummary("Sessions (`?caseId=&mediatorId=&from=&to=`), by start time")
            .WithDescription("`from`/`to` select sessions overlapping that window. Filtered to the caller's regions; paged `{ items, page, pageSize, total }`.");
        g.MapGet("/{id:guid}", Get).Produces<SessionResponse>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One session")
            .WithDescription("404 when outside the caller's regions.");
    }

    private static async Task<IResult> Schedule(ScheduleSessionRequest request, HttpContext http, MediatorsDbContext db, CurrentUser user,
        TimeProvider clock, CancellationToken ct)
    {
        var idempotency = Idempotency.Of(http);
        var now = clock.GetUtcNow();
        var v = SessionRules.CheckRequest(request, now, out var mediatorIds);
        if (!v.IsValid) return v.Problem();

        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.CaseId == request.CaseId, ct);
        if (c is null || !user.Covers(c.Place)) return TypedResults.NotFound();
        if (SessionRules.Refusal(c) is { } refusal) return TypedResults.Problem(statusCode: 409, title: "Case has ended", detail: refusal);
        var at = request.OccurredAt ?? now;
        var mediators = await db.Mediators.AsNoTracking().Where(m => mediatorIds.Contains(m.Id)).ToListAsync(ct);
        var room = request.RoomId is { } roomId ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == roomId, ct) : null;
        if (!SessionRules.CheckParticipants(v, c, at, mediatorIds, mediators, request.RoomId, room).IsValid) return v.Problem();

        var (session, scheduled) = SessionRules.Book(request, c, mediatorIds, user.Id, at, now);
        db.Sessions.Add(session);
        db.AddOutboxMessage(scheduled, c.CaseId);
        var response = SessionResponse.From(session);
        var location = $"/api/sessions/{session.Id}";
        idempotency?.Record(StatusCodes.Status201Created, response, location);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ExclusionViolation })
        {
            db.ChangeTracker.Clear();
            // the same request, retried concurrently, lost the race to itself (its booking overlaps the winner's): answer
            // what the winner answered (a lost race on the key alone is answered by the Idempotent filter)
            if (idempotency is not null && await idempotency.ReplayAsync(ct) is { } winner) return winner;
            return await AlreadyBookedAsync(db, session, ct);
        }
        return TypedResults.Created(location, response);
    }

    /// <summary>409 naming the other sessions' bookings that overlap the session's interval for its mediators and room.</summary>
    private static async Task<ProblemHttpResult> AlreadyBookedAsync(MediatorsDbContext db, Session session, CancellationToken ct)
    {
        var ids = SessionRules.Resources(session).Select(r => r.Id).ToList();
        var (sessionId, startsAt, endsAt) = (session.Id, session.StartsAt, session.EndsAt);
        var taken = await db.SessionBookings.AsNoTracking() // SessionRules.Overlaps, in SQL
            .Where(b => b.SessionId != sessionId && ids.Contains(b.ResourceId) && b.StartsAt < endsAt && b.EndsAt > startsAt)
            .Select(b => new { b.ResourceId, b.ResourceKind, b.SessionId }).ToListAsync(ct);
        var conflicts = taken.Select(t => new
        {
            resource = t.ResourceKind == BookingResource.Room ? "room" : "mediator",
            id = t.ResourceId,
            sessionId = t.SessionId,
        }).ToList();
        return TypedResults.Problem(statusCode: 409, title: "Already booked",
            detail: conflicts.Count == 0
                ? "A mediator or the room is already booked in an overlapping interval."
                : "Already booked then: " + string.Join(", ", conflicts.Select(x => $"{x.resource} {x.id}").Distinct()) + ".",
            extensions: new Dictionary<string, object?> { ["conflicts"] = conflicts });
    }

    private static async Task<Results<Ok<SessionResponse>, NotFound, ProblemHttpResult, ValidationProblem>> Reschedule(Guid id,
        RescheduleSessionRequest request, MediatorsDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var (s, at, now) = await LoadForChangeAsync(db, user, id, request.OccurredAt, clock, ct);
        if (s is null) return TypedResults.NotFound();
        var v = SessionRules.CheckReschedule(request, at, now);
        if (!v.IsValid) return v.Problem();
        if (SessionRules.ChangeRefusal(s) is { } refusal) return TypedResults.Problem(statusCode: 409, title: "Session cannot be moved", detail: refusal);
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.CaseId == s.CaseId, ct);
        if (c is not null && SessionRules.Refusal(c) is { } ended)
            return TypedResults.Problem(statusCode: 409, title: "Case has ended", detail: ended + " Cancel the session instead.");
        if (c is not null)
        {
            // a new slot is a new booking of the same people and room: they must still be eligible (active, a room not wound up)
            var mediators = await db.Mediators.AsNoTracking().Where(m => s.MediatorIds.Contains(m.Id)).ToListAsync(ct);
            var room = s.RoomId is { } roomId ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == roomId, ct) : null;
            if (!SessionRules.CheckParticipants(v, c, at, s.MediatorIds, mediators, s.RoomId, room).IsValid) return v.Problem();
        }
        if (SessionRules.Reschedule(s, request, user.Id, at, now) is not { } rescheduled) return TypedResults.Ok(SessionResponse.From(s));
        db.AddOutboxMessage(rescheduled, s.CaseId);
        try
        {
            return await SaveAsync(db, s, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ExclusionViolation })
        {
            db.ChangeTracker.Clear();
            return await AlreadyBookedAsync(db, s, ct);
        }
    }

    /// <summary>
    /// Loads a session for a change by the caller (404 outside their regions) with the step's time: <c>occurredAt</c> or now.
    /// </summary>
    private static async Task<(Session? Session, DateTimeOffset At, DateTimeOffset Now)> LoadForChangeAsync(MediatorsDbContext db, CurrentUser user,
        Guid id, DateTimeOffset? occurredAt, TimeProvider clock, CancellationToken ct)
    {
        var s = await db.Sessions.Include(x => x.Bookings).FirstOrDefaultAsync(x => x.Id == id, ct);
        var now = clock.GetUtcNow();
        return (s is not null && user.Covers(s.Place) ? s : null, occurredAt ?? now, now);
    }

    /// <summary>Saves a session's change; another change of it saved meanwhile (its row version) answers 409.</summary>
    private static async Task<Results<Ok<SessionResponse>, NotFound, ProblemHttpResult, ValidationProblem>> SaveAsync(MediatorsDbContext db,
        Session s, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: 409, title: "Session changed", detail: "The session changed meanwhile; reload it.");
        }
        return TypedResults.Ok(SessionResponse.From(s));
    }

    private static async Task<Results<Ok<SessionResponse>, NotFound, ProblemHttpResult, ValidationProblem>> Cancel(Guid id,
        CancelSessionRequest request, MediatorsDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var (s, at, now) = await LoadForChangeAsync(db, user, id, request.OccurredAt, clock, ct);
        if (s is null) return TypedResults.NotFound();
        var v = SessionRules.CheckCancel(request, at, now);
        if (!v.IsValid) return v.Problem();
        if (SessionRules.ChangeRefusal(s) is { } refusal) return TypedResults.Problem(statusCode: 409, title: "Session cannot be cancelled", detail: refusal);
        db.AddOutboxMessage(SessionRules.Cancel(s, request.Reason!, user.Id, at, now), s.CaseId);
        return await SaveAsync(db, s, ct);
    }

    private static async Task<Results<Ok<SessionResponse>, NotFound, ProblemHttpResult, ValidationProblem>> Record(Guid id, RecordSessionRequest request, MediatorsDbContext db, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
    {
        var s = await db.Sessions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || !user.Covers(s.Place)) return TypedResults.NotFound();
        if (SessionRules.RecordRefusal(s) is { } refusal)
            return TypedResults.Problem(statusCode: 409, title: s.CancelledAt is null ? "Already recorded" : "Session cancelled", detail: refusal);
        var now = clock.GetUtcNow();
        var at = request.OccurredAt ?? now;
        var v = SessionRules.CheckRecord(s, request, at, now);
        if (!v.IsValid) return v.Problem();
        db.AddOutboxMessage(SessionRules.Record(s, request, user.Id, at, now), s.CaseId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: 409, title: "Already recorded", detail: "The session changed meanwhile; reload it.");
        }
        return TypedResults.Ok(SessionResponse.From(s));
    }

    private static IQueryable<Session> Visible(MediatorsDbContext db, CurrentUser user) => user.InRegions(db.Sessions.AsNoTracking());

    private static async Task<Results<Ok<Paged<SessionResponse>>, ValidationProblem>> List(Guid? caseId, Guid? mediatorId, DateTimeOffset? from, DateTimeOffset? to,
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 500)] int? pageSize,
        MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, maxSize: 500);
        if (from is { } f0 && to is { } t0 && t0 < f0) v.Add("to", "'to' may not lie before 'from'.");
        if (!v.IsValid) return v.Problem();
        var q = Visible(db, user);
        if (caseId is { } c) q = q.Where(s => s.CaseId == c);
        if (mediatorId is { } m) q = q.Where(s => s.MediatorIds.Contains(m));
        if (from is { } f) q = q.Where(s => s.EndsAt > f);
        if (to is { } t) q = q.Where(s => s.StartsAt < t);
        return TypedResults.Ok(await q.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToPageAsync(paging, SessionResponse.From, ct));
    }

    private static async Task<Results<Ok<SessionResponse>, NotFound>> Get(Guid id, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var s = await Visible(db, user).FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? TypedResults.NotFound() : TypedResults.Ok(SessionResponse.From(s));
    }
}
