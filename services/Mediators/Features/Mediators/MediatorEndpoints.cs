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

namespace MediationPlatform.Mediators.Features.Mediators;

public sealed record CreateMediatorRequest(
    string? Name, string? Phone, MediatorKind? Kind, Guid? OrganizationId, List<string>? RegionCodes,
    List<DisputeCategory>? Specialties, int? MaxActiveCases);

public sealed record UpdateMediatorRequest(
    string? Name, string? Phone, List<string>? RegionCodes, List<DisputeCategory>? Specialties, int? MaxActiveCases, bool? Active);

public sealed record MediatorResponse(
    Guid Id, string Name, string Phone, MediatorKind Kind, Guid OrganizationId, IReadOnlyList<string> RegionCodes,
    IReadOnlyList<DisputeCategory> Specialties, int MaxActiveCases, bool Active, int ActiveCases, DateTimeOffset? LastAssignedAt)
{
    public static MediatorResponse From(Mediator m) => new(m.Id, m.Name, m.Phone, m.Kind, m.OrganizationId, m.RegionCodes,
        m.Specialties, m.MaxActiveCases, m.Active, m.ActiveCases, m.LastAssignedAt);
}

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
        group.MapGet("/", List).WithSummary("List mediators (`?regionCode=&specialty=&available=true`)")
            .WithDescription("Admins, supervisors, mediators and petition officers.")
            .RequireAuthorization(p => p.RequireRole(readers));
        group.MapGet("/{id:guid}", Get).WithSummary("One mediator with `activeCases`")
            .RequireAuthorization(p => p.RequireRole(readers));
        group.MapPatch("/{id:guid}", Update).RequireAuthorization(Policies.Admin)
            .WithSummary("Change a mediator: name, phone, regionCodes, specialties, maxActiveCases, active (停用/启用)")
            .WithDescription("Admin only; absent fields stay. Lowering `maxActiveCases` below the current caseload or deactivating keeps " +
                "the current cases (a supervisor reassigns them) but stops new assignments. Leaves a history entry with each changed " +
                "field and publishes MediatorRegistered again with the current state (consumers upsert).");
        return group;
    }

    private static async Task<Results<Created<MediatorResponse>, ValidationProblem>> Create(
        CreateMediatorRequest request, MediatorsDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        v.Require("name", request.Name, 100);
        v.Require("phone", request.Phone, 40);
        if (request.Kind is null) v.Add("kind", "'kind' is required.");
        if (request.OrganizationId is null) v.Add("organizationId", "'organizationId' is required.");
        else if (!await db.Organizations.AnyAsync(o => o.Id == request.OrganizationId, ct))
            v.Add("organizationId", "Organisation does not exist.");
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
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Mediators.Add(mediator);
        db.AddOutboxMessage(new MediatorRegistered(mediator.Id, mediator.Name, mediator.Kind, mediator.OrganizationId,
            mediator.RegionCodes, mediator.Active, mediator.CreatedAt));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/mediators/{mediator.Id}", MediatorResponse.From(mediator));
    }

    private static async Task<IResult> Update(Guid id, UpdateMediatorRequest request, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
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

        // the workload counter changes concurrently (assignments, case endings): xmin conflicts are retried
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var m = await db.Mediators.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (m is null) return TypedResults.NotFound();
            var changes = new ChangeSet();
            if (request.Name is not null) m.Name = changes.Set("name", m.Name, request.Name.Trim());
            if (request.Phone is not null) m.Phone = changes.Set("phone", m.Phone, request.Phone.Trim());
            if (regions is not null) m.RegionCodes = changes.SetList("regionCodes", m.RegionCodes, regions);
            if (request.Specialties is not null) m.Specialties = changes.SetList("specialties", m.Specialties, request.Specialties.Distinct().ToList());
            if (request.MaxActiveCases is { } max) m.MaxActiveCases = changes.Set("maxActiveCases", m.MaxActiveCases, max);
            if (request.Active is { } active) m.Active = changes.Set("active", m.Active, active);
            if (!changes.Any) return TypedResults.Ok(MediatorResponse.From(m));
            var now = DateTimeOffset.UtcNow;
            changes.Write(db, "mediator", m.Id, user.Id, now);
            db.AddOutboxMessage(new MediatorRegistered(m.Id, m.Name, m.Kind, m.OrganizationId, m.RegionCodes, m.Active, now));
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(MediatorResponse.From(m));
            }
            catch (DbUpdateConcurrencyException) when (attempt < 4)
            {
                await Task.Delay(Random.Shared.Next(5, 40), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return TypedResults.Problem(statusCode: 409, title: "Concurrent change", detail: "The mediator kept changing meanwhile; try again.");
            }
        }
    }

    private static async Task<Results<Ok<List<MediatorResponse>>, ValidationProblem>> List(
        string? regionCode, string? specialty, bool? available, MediatorsDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var specialtyFilter = SnakeEnum.Filter<DisputeCategory>(specialty, "specialty", v);
        if (!v.IsValid) return v.Problem();
        var query = db.Mediators.AsNoTracking();
        if (!string.IsNullOrEmpty(regionCode)) query = query.Where(m => m.RegionCodes.Contains(regionCode));
        if (specialtyFilter is { } s) query = query.Where(m => m.Specialties.Contains(s));
        if (available == true) query = query.Where(m => m.Active && m.ActiveCases < m.MaxActiveCases);
        var list = await query.OrderBy(m => m.Name).ToListAsync(ct);
        return TypedResults.Ok(list.Select(MediatorResponse.From).ToList());
    }

    private static async Task<Results<Ok<MediatorResponse>, NotFound>> Get(Guid id, MediatorsDbContext db, CancellationToken ct)
    {
        var m = await db.Mediators.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return m is null ? TypedResults.NotFound() : TypedResults.Ok(MediatorResponse.From(m));
    }
}
