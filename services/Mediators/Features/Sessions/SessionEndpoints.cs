using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Sessions;

/// <summary>
/// Mediation sessions (调解会). Double booking of a mediator or a room is prevented by the database (exclusion
/// constraint over booking rows, see <see cref="SessionBooking"/>); a violation (SQLSTATE 23P01) answers 409 naming the
/// booked resources. Intervals are half-open: one session may start exactly when another ends.
/// </summary>
public static class SessionEndpoints
{
    public const string NoOverlapConstraint = "session_bookings_no_overlap";
    private static readonly TimeSpan MaxLength = TimeSpan.FromHours(12);

    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/sessions").WithTags("Sessions (调解会)")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor, Roles.Mediator));
        g.MapPost("/", Schedule).Produces<SessionResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithSummary("Book a mediation session (安排调解会)")
            .WithDescription("Admins, supervisors and mediators for cases in their regions. `mediatorIds` (≥ 1, active, serving the case's place), optional " +
                "`roomId` (an organisation of kind `mediation_room` serving the case's place), `startsAt` < `endsAt` (at most 12 h), optional `occurredAt` (when it was booked; back-filling). 409 when a mediator " +
                "or the room is already booked in an overlapping interval (`conflicts` names them); touching intervals are fine. " +
                "Publishes SessionScheduled. `Idempotency-Key` honoured.");
        g.MapPost("/{id:guid}/record", Record).Produces<SessionResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Record the outcome of a session (记录调解会): held or not, attendees, summary")
            .WithDescription("Once per session (a second record answers 409). A session cannot be recorded as held before it starts. " +
                "Optional `occurredAt`. Publishes SessionHeld (with the summary, for the case's 调解记录).");
        g.MapGet("/", List).Produces<Paged<SessionResponse>>().ProducesValidationProblem().WithSummary("Sessions (`?caseId=&mediatorId=&from=&to=`), by start time")
            .WithDescription("`from`/`to` select sessions overlapping that window. Filtered to the caller's regions; paged `{ items, page, pageSize, total }`.");
        g.MapGet("/{id:guid}", Get).Produces<SessionResponse>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One session")
            .WithDescription("404 when outside the caller's regions.");
    }

    private static async Task<IResult> Schedule(ScheduleSessionRequest request, HttpContext http, MediatorsDbContext db, CurrentUser user,
        TimeProvider clock, CancellationToken ct)
    {
        var idempotency = new Idempotency(http, db, user);
        var hash = idempotency.Hash("schedule-session", request);
        if (await idempotency.ReplayAsync(hash, ct) is { } replay) return replay;
        var v = new Validation();
        if (request.CaseId is null) v.Add("caseId", "'caseId' is required.");
        if (request.StartsAt is null) v.Add("startsAt", "'startsAt' is required.");
        if (request.EndsAt is null) v.Add("endsAt", "'endsAt' is required.");
        if (request.StartsAt is { } s0 && request.EndsAt is { } e0)
        {
            if (e0 <= s0) v.Add("endsAt", "'endsAt' must lie after 'startsAt'.");
            else if (e0 - s0 > MaxLength) v.Add("endsAt", "A session lasts at most 12 hours.");
        }
        v.MaxLength("location", request.Location, 200);
        var now = clock.GetUtcNow();
        v.NotInFuture("occurredAt", request.OccurredAt, now);
        var mediatorIds = (request.MediatorIds ?? []).Distinct().ToList();
        if (mediatorIds.Count == 0) v.Add("mediatorIds", "At least one mediator is required.");
        else if (mediatorIds.Count > 10) v.Add("mediatorIds", "At most 10 mediators.");
        if (!v.IsValid) return v.Problem();

        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.CaseId == request.CaseId, ct);
        if (c is null || !user.Covers(c.Place)) return TypedResults.NotFound();
        if (c.Closed) return TypedResults.Problem(statusCode: 409, title: "Case has ended", detail: "No sessions for a case that has ended.");
        var at = request.OccurredAt ?? now;
        if (at < c.ReceivedAt) v.Add("occurredAt", "'occurredAt' may not lie before the case was received.");

        var mediators = await db.Mediators.AsNoTracking().Where(m => mediatorIds.Contains(m.Id)).ToListAsync(ct);
        foreach (var id in mediatorIds)
        {
            var m = mediators.FirstOrDefault(x => x.Id == id);
            if (m is null) v.Add("mediatorIds", $"Mediator '{id}' does not exist.");
            else if (!m.Active) v.Add("mediatorIds", $"Mediator '{id}' is not active.");
            else if (!m.Serves(c.Place)) v.Add("mediatorIds", $"Mediator '{id}' does not serve the case's village, town or district.");
        }
        if (request.RoomId is { } roomId)
        {
            var roomOrg = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == roomId && o.Kind == OrganizationKind.MediationRoom, ct);
            if (roomOrg is null) v.Add("roomId", "'roomId' must be an organisation of kind mediation_room.");
            else if (!roomOrg.Serves(c.Place)) v.Add("roomId", "The room does not serve the case's village, town or district.");
        }
        if (!v.IsValid) return v.Problem();

        var startsAt = request.StartsAt!.Value;
        var endsAt = request.EndsAt!.Value;
        var session = new Session
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.CaseId,
            MediatorIds = mediatorIds,
            RoomId = request.RoomId,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim(),
            RegionCode = c.RegionCode,
            TownCode = c.TownCode,
            DistrictCode = c.DistrictCode,
            ScheduledBy = user.Id,
            CreatedAt = now,
        };
        var resources = mediatorIds.Select(id => (id, BookingResource.Mediator)).ToList();
        if (request.RoomId is { } room) resources.Add((room, BookingResource.Room));
        foreach (var (id, kind) in resources)
            session.Bookings.Add(new SessionBooking
            {
                Id = Guid.CreateVersion7(), SessionId = session.Id, ResourceId = id, ResourceKind = kind, StartsAt = startsAt, EndsAt = endsAt,
            });
        db.Sessions.Add(session);
        db.AddOutboxMessage(new SessionScheduled(session.Id, c.CaseId, mediatorIds, session.RoomId, startsAt, endsAt,
            c.RegionCode, c.TownCode, c.DistrictCode, user.Id, at, now), c.CaseId);
        var response = SessionResponse.From(session);
        var location = $"/api/sessions/{session.Id}";
        idempotency.Record(hash, StatusCodes.Status201Created, response, location);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Idempotency.IsDuplicateKey(ex)
            || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ExclusionViolation })
        {
            db.ChangeTracker.Clear();
            // the same request, retried concurrently, lost the race to itself: answer what the winner answered
            if (await idempotency.ReplayAsync(hash, ct) is { } winner) return winner;
            var ids = resources.Select(r => r.id).ToList();
            var taken = await db.SessionBookings.AsNoTracking()
                .Where(b => ids.Contains(b.ResourceId) && b.StartsAt < endsAt && b.EndsAt > startsAt)
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
        return TypedResults.Created(location, response);
    }

    private static async Task<IResult> Record(Guid id, RecordSessionRequest request, MediatorsDbContext db, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
    {
        var s = await db.Sessions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || !user.Covers(s.Place)) return TypedResults.NotFound();
        if (s.Held is not null)
            return TypedResults.Problem(statusCode: 409, title: "Already recorded", detail: "The outcome of this session was recorded already.");
        var now = clock.GetUtcNow();
        var at = request.OccurredAt ?? now;
        var v = new Validation().NotInFuture("occurredAt", at, now);
        if (request.Held is null) v.Add("held", "'held' is required.");
        if (request.AttendeeCount is null or < 0 or > 1000) v.Add("attendeeCount", "'attendeeCount' must be 0–1000.");
        if (request.Held == true)
        {
            v.Require("summary", request.Summary, 4000);
            if (request.AttendeeCount == 0) v.Add("attendeeCount", "A session that was held had attendees.");
            if (at < s.StartsAt) v.Add("occurredAt", "A session cannot be recorded as held before it starts.");
        }
        else v.MaxLength("summary", request.Summary, 4000);
        if (!v.IsValid) return v.Problem();

        s.Held = request.Held;
        s.AttendeeCount = request.AttendeeCount;
        s.Summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        s.RecordedOccurredAt = at;
        s.RecordedBy = user.Id;
        s.RecordedAt = now;
        db.AddOutboxMessage(new SessionHeld(s.Id, s.CaseId, s.Held!.Value, s.AttendeeCount!.Value, s.RegionCode, s.TownCode,
            s.DistrictCode, user.Id, at, now, s.StartsAt, s.Location, s.MediatorIds, s.Summary), s.CaseId);
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

    private static async Task<IResult> List(Guid? caseId, Guid? mediatorId, DateTimeOffset? from, DateTimeOffset? to,
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

    private static async Task<IResult> Get(Guid id, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var s = await Visible(db, user).FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? TypedResults.NotFound() : TypedResults.Ok(SessionResponse.From(s));
    }
}
