using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.Assignments;
using MediationPlatform.Mediators.Features.History;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Mediators;

public static class MediatorEndpoints
{
    public static RouteGroupBuilder MapMediatorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mediators").WithTags("Mediators (调解员)");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin)
            .WithSummary("Register a mediator (调解员)")
            .WithDescription("Admin only. `kind`: full_time (专职), village (村调委会), lawyer, judge, police, volunteer. `regionCodes` are the regions served (a town code covers its villages for full-time mediators); `specialties` are dispute categories; `maxActiveCases` bounds automatic assignment.");
        // names and phones: for the people who assign and work cases, not for liaisons or statisticians
        string[] readers = [Roles.Admin, Roles.Supervisor, Roles.Mediator, Roles.PetitionOfficer];
        group.MapGet("/", List).Produces<Paged<MediatorResponse>>().ProducesValidationProblem().WithSummary("List mediators (`?regionCode=&specialty=&available=true`)")
            .WithDescription("Admins, supervisors, mediators and petition officers. `regionCode`: mediators who list that region. By name, paged `{ items, page, pageSize, total }`. Phones in full only for admins and readers whose regions cover the mediator's; masked (138****5678) otherwise.")
            .RequireAuthorization(p => p.RequireRole(readers));
        group.MapGet("/{id:guid}", Get).WithSummary("One mediator with `activeCases`").WithMetadata(DirectoryRevision.ETagHeader("mediator"))
            .WithDescription("Admins, supervisors, mediators and petition officers; 404 when unknown. Sends an `ETag` (its `revision` in quotes, " +
                "which assignments do not move) for `If-Match` on PATCH.")
            .RequireAuthorization(p => p.RequireRole(readers));
        group.MapPatch("/{id:guid}", Update).RequireAuthorization(Policies.Admin)
            .WithMetadata(DirectoryRevision.Header("mediator"), DirectoryRevision.ETagHeader("mediator"))
            .Produces<MediatorResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Change a mediator: name, phone, regionCodes, specialties, maxActiveCases, active (停用/启用)")
            .WithDescription("Admin only; absent fields stay. Lowering `maxActiveCases` below the current caseload or deactivating keeps " +
                "the current cases (a supervisor reassigns them) but stops new assignments. Leaves a history entry with each changed " +
                "field and publishes MediatorRegistered again with the current state (consumers upsert). With `If-Match` (the ETag of GET) " +
                "the change is made only to that revision, else 412 and nothing changes; without it the last change wins.");
        return group;
    }

    private static async Task<Results<Created<MediatorResponse>, ValidationProblem>> Create(
        CreateMediatorRequest request, MediatorsDbContext db, TimeProvider time, CapacityQueue queue, CancellationToken ct)
    {
        var v = new Validation();
        v.Require("name", request.Name, 100);
        v.Require("phone", request.Phone, 40);
        if (request.Kind is null) v.Add("kind", "'kind' is required.");
        if (request.OrganizationId is null) v.Add("organizationId", "'organizationId' is required.");
        else if (await db.Organizations.Where(o => o.Id == request.OrganizationId).Select(o => (bool?)o.Active).FirstOrDefaultAsync(ct) is not { } active)
            v.Add("organizationId", "Organisation does not exist.");
        else if (!active) v.Add("organizationId", "The organisation is not active (wound up or merged).");
        var regions = (request.RegionCodes ?? []).Distinct().ToList();
        if (regions.Count == 0) v.Add("regionCodes", "At least one region is required.");
        var known = await db.Regions.Where(r => regions.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct);
        foreach (var code in regions.Where(c => !known.Contains(c))) v.Add("regionCodes", $"Region '{code}' does not exist.");
        if (request.MaxActiveCases is null or < 1 or > 1000) v.Add("maxActiveCases", "'maxActiveCases' must be 1–1000.");
        if (!v.IsValid) return v.Problem();

        var mediator = new Mediator
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name!.Trim(),
            Phone = request.Phone!.Trim(),
            Kind = request.Kind!.Value,
            OrganizationId = request.OrganizationId!.Value,
            RegionCodes = regions,
            Specialties = (request.Specialties ?? []).Distinct().ToList(),
            MaxActiveCases = request.MaxActiveCases!.Value,
            Active = true,
            CreatedAt = time.GetUtcNow(),
        };
        db.Mediators.Add(mediator);
        db.AddOutboxMessage(new MediatorRegistered(mediator.Id, mediator.Name, mediator.Kind, mediator.OrganizationId,
            mediator.RegionCodes, mediator.Active, mediator.CreatedAt));
        await db.SaveChangesAsync(ct);
        queue.Signal(mediator.Id); // a new mediator has room: disputes waiting in their places are assigned to them
        return TypedResults.Created($"/api/mediators/{mediator.Id}", MediatorResponse.From(mediator, showPhone: true)); // admins only
    }

    private static async Task<Results<Ok<MediatorResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, UpdateMediatorRequest request,
        HttpContext http, MediatorsDbContext db, CurrentUser user, TimeProvider time, CapacityQueue queue, CancellationToken ct)
    {
        var ifMatch = IfMatch.Read(http);
        if (IfMatch.TooLong(ifMatch, "the mediator's ETag") is { } tooLong) return tooLong;
        var v = new Validation();
        if (request.Name is not null) v.Require("name", request.Name, 100);
        if (request.Phone is not null) v.Require("phone", request.Phone, 40);
        var regions = request.RegionCodes?.Distinct().ToList();
        if (regions is not null)
        {
            if (regions.Count == 0) v.Add("regionCodes", "At least one region is required.");
            var known = await db.Regions.Where(r => regions.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct);
            foreach (var code in regions.Where(c => !known.Contains(c))) v.Add("regionCodes", $"Region '{code}' does not exist.");
        }
        if (request.MaxActiveCases is < 1 or > 1000) v.Add("maxActiveCases", "'maxActiveCases' must be 1–1000.");
        if (!v.IsValid) return v.Problem();

        // the workload counter changes concurrently (assignments, case endings): an xmin conflict runs the change again
        try
        {
            return await RaceRetry.Pipeline.ExecuteAsync<Results<Ok<MediatorResponse>, NotFound, ValidationProblem, ProblemHttpResult>>(async token =>
            {
                db.ChangeTracker.Clear();
                var m = await db.Mediators.FirstOrDefaultAsync(x => x.Id == id, token);
                if (m is null) return TypedResults.NotFound();
                // checked on every attempt: a concurrent PATCH that saved first (the row version) moved the revision on
                if (ifMatch is not null && ifMatch != DirectoryRevision.ETagOf(m.Revision)) return DirectoryRevision.Stale("mediator", ifMatch, m.Revision);
                var changes = new ChangeSet();
                if (request.Name is not null) m.Name = changes.Set("name", m.Name, request.Name.Trim());
                if (request.Phone is not null) m.Phone = changes.Set("phone", m.Phone, request.Phone.Trim());
                if (regions is not null) m.RegionCodes = changes.SetList("regionCodes", m.RegionCodes, regions);
                if (request.Specialties is not null) m.Specialties = changes.SetList("specialties", m.Specialties, request.Specialties.Distinct().ToList());
                if (request.MaxActiveCases is { } max) m.MaxActiveCases = changes.Set("maxActiveCases", m.MaxActiveCases, max);
                if (request.Active is { } active) m.Active = changes.Set("active", m.Active, active);
                if (!changes.Any)
                {
                    http.Response.Headers.ETag = DirectoryRevision.ETagOf(m.Revision);
                    return TypedResults.Ok(MediatorResponse.From(m, showPhone: true)); // admins only
                }
                var now = time.GetUtcNow();
                m.Revision++;
                changes.Write(db, "mediator", m.Id, user.Id, now);
                db.AddOutboxMessage(new MediatorRegistered(m.Id, m.Name, m.Kind, m.OrganizationId, m.RegionCodes, m.Active, now));
                await db.SaveChangesAsync(token);
                // more capacity, reactivated, more regions: the capacity queue may hand them waiting disputes
                if (request.MaxActiveCases is not null || request.Active == true || regions is not null) queue.Signal(m.Id);
                http.Response.Headers.ETag = DirectoryRevision.ETagOf(m.Revision); // only once saved: never a revision that was not stored
                return TypedResults.Ok(MediatorResponse.From(m, showPhone: true));
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: 503, title: "The mediator is busy", detail: "Assignments kept changing this mediator at the same moment; nothing was changed. Retry.");
        }
    }

    private static async Task<Results<Ok<Paged<MediatorResponse>>, ValidationProblem>> List(
        [MaxLength(40)] string? regionCode, [SnakeEnumOf(typeof(DisputeCategory))] string? specialty, bool? available,
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 500)] int? pageSize,
        MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation().MaxLength("regionCode", regionCode, 40);
        var specialtyFilter = SnakeEnum.Filter<DisputeCategory>(specialty, "specialty", v);
        var paging = PageRequest.From(page, pageSize, v, defaultSize: 100, maxSize: 500);
        if (!v.IsValid) return v.Problem();
        var query = db.Mediators.AsNoTracking();
        if (!string.IsNullOrEmpty(regionCode)) query = query.Where(m => m.RegionCodes.Contains(regionCode));
        if (specialtyFilter is { } s) query = query.Where(m => m.Specialties.Contains(s));
        if (available == true) query = query.Where(m => m.Active && m.ActiveCases < m.MaxActiveCases);
        var found = await query.OrderBy(m => m.Name).ThenBy(m => m.Id).ToPageAsync(paging, m => m, ct);
        var shows = await PhoneVisibility.ForAsync(db, user, found.Items.ToList(), ct);
        return TypedResults.Ok(new Paged<MediatorResponse>(found.Items.Select(m => MediatorResponse.From(m, shows(m))).ToList(), found.Page, found.PageSize, found.Total));
    }

    private static async Task<Results<Ok<MediatorResponse>, NotFound>> Get(Guid id, HttpContext http, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var m = await db.Mediators.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return TypedResults.NotFound();
        http.Response.Headers.ETag = DirectoryRevision.ETagOf(m.Revision);
        var shows = await PhoneVisibility.ForAsync(db, user, [m], ct);
        return TypedResults.Ok(MediatorResponse.From(m, shows(m)));
    }
}
