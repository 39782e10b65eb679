using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Gateway.Accounts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace MediationPlatform.Gateway.Identity;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Identity (身份)").RequireAuthorization(Policies.Admin);
        users.MapPost("/", Create).WithSummary("Create a user (admin)")
            .WithDescription("Roles: admin, supervisor, mediator, petition_officer, police_liaison, court_liaison, statistician. `regionCodes` are the regions the user may act in (a town code covers its villages); link a mediator or an organisation where the role needs one.");
        users.MapGet("/", List).Produces<Paged<UserResponse>>().ProducesValidationProblem().WithSummary("List users (admin)").WithDescription("By user name; paged `{ items, page, pageSize, total }`.");
        users.MapGet("/{id:guid}", Get).WithSummary("One user (admin)").WithDescription("With `lockedUntil` while sign-in is locked after wrong passwords.");
        users.MapPatch("/{id:guid}", Update).WithSummary("Change a user's roles, regions, links, password, or disable them (admin)")
            .WithDescription("Any change revokes the tokens issued to the user before it: the gateway refuses them (401) at once on this instance and within `Accounts:RevocationRefresh` (30 s) on the others. A new password also ends a lockout.");

        var clients = app.MapGroup("/api/clients").WithTags("Identity (身份)").RequireAuthorization(Policies.Admin);
        clients.MapPost("/", CreateClient).WithSummary("Register a system client for the client-credentials grant (admin)")
            .WithDescription("For an agency's own system (e.g. a police station pulling its referrals): roles such as police_liaison and the organisation it acts for.");
        clients.MapGet("/", ListClients).WithSummary("List system clients (admin)").WithDescription("By client id; the secrets are never returned.");
        clients.MapPatch("/{clientId}", UpdateClient).WithSummary("Disable a system client or rotate its secret (admin)")
            .WithDescription("`{ disabled?, clientSecret? }`. Either change refuses the tokens the client already has (401, at once on this gateway, within `Accounts:RevocationRefresh` on the others); a disabled client gets no new token; after a rotation only the new secret works.");
    }

    private static Validation ValidateRoles(Validation v, List<string>? roles, bool required)
    {
        if (roles is null) { if (required) v.Add("roles", "At least one role is required."); return v; }
        if (roles.Count == 0) v.Add("roles", "At least one role is required.");
        foreach (var r in roles.Where(r => !Roles.All.Contains(r))) v.Add("roles", $"Unknown role '{r}'.");
        return v;
    }

    private static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUserRequest request, GatewayDbContext db, IPasswordHasher<User> hasher, AuditRecorder audit, TimeProvider clock,
        CancellationToken ct)
    {
        var v = new Validation();
        v.Require("userName", request.UserName, 100);
        v.Require("displayName", request.DisplayName, 100);
        if (request.Password is null || request.Password.Length < 10) v.Add("password", "'password' must be at least 10 characters.");
        ValidateRoles(v, request.Roles, required: true);
        if (!v.IsValid) return v.Problem();
        var normalized = request.UserName!.Trim().ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct))
            return TypedResults.Problem(statusCode: 409, title: "User exists", detail: $"User '{request.UserName}' already exists.");
        var now = clock.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = request.UserName.Trim(),
            NormalizedUserName = normalized,
            DisplayName = request.DisplayName!.Trim(),
            Roles = request.Roles!.Distinct().ToList(),
            RegionCodes = (request.RegionCodes ?? []).Distinct().ToList(),
            OrganizationId = request.OrganizationId,
            MediatorId = request.MediatorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "user_created", user.Id.ToString(), new { roles = user.Roles, regions = user.RegionCodes }, ct);
        return TypedResults.Created($"/api/users/{user.Id}", UserResponse.From(user, now));
    }

    private static async Task<Results<Ok<Paged<UserResponse>>, ValidationProblem>> List([Range(1, PageRequest.MaxPage)] int? page, [Range(1, 500)] int? pageSize, GatewayDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, defaultSize: 100, maxSize: 500);
        if (!v.IsValid) return v.Problem();
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await db.Users.AsNoTracking().OrderBy(u => u.UserName).ThenBy(u => u.Id)
            .ToPageAsync(paging, u => UserResponse.From(u, now), ct));
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> Get(Guid id, GatewayDbContext db, TimeProvider clock, CancellationToken ct) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is { } u
            ? TypedResults.Ok(UserResponse.From(u, clock.GetUtcNow()))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<UserResponse>, NotFound, ValidationProblem>> Update(
        Guid id, UpdateUserRequest request, GatewayDbContext db, IPasswordHasher<User> hasher, TokenRevocation revocation, AuditRecorder audit,
        TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return TypedResults.NotFound();
        var v = new Validation();
        if (request.Roles is not null) ValidateRoles(v, request.Roles, required: false);
        if (request.DisplayName is not null) v.Require("displayName", request.DisplayName, 100);
        if (request.Password is not null && request.Password.Length < 10) v.Add("password", "'password' must be at least 10 characters.");
        if (!v.IsValid) return v.Problem();
        if (request.DisplayName is not null) user.DisplayName = request.DisplayName.Trim();
        if (request.Roles is not null) user.Roles = request.Roles.Distinct().ToList();
        if (request.RegionCodes is not null) user.RegionCodes = request.RegionCodes.Distinct().ToList();
        if (request.Disabled is not null) user.Disabled = request.Disabled.Value;
        if (request.OrganizationId is not null) user.OrganizationId = request.OrganizationId;
        if (request.MediatorId is not null) user.MediatorId = request.MediatorId;
        if (request.Password is not null)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
            user.FailedSignIns = 0;
            user.LockedUntil = null; // an administrator's new password also ends a lockout
        }
        // every change of what a token says about the user revokes the tokens issued before it (ADR 0015)
        user.SecurityStamp = Guid.NewGuid();
        user.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "user_changed", user.Id.ToString(), new
        {
            roles = request.Roles, regions = request.RegionCodes, request.Disabled, passwordSet = request.Password is not null,
            displayName = request.DisplayName is not null, request.OrganizationId, request.MediatorId,
        }, ct);
        revocation.Changed(user);
        return TypedResults.Ok(UserResponse.From(user, clock.GetUtcNow()));
    }

    private static async Task<Results<Created<ClientResponse>, ValidationProblem, ProblemHttpResult>> CreateClient(
        CreateClientRequest request, GatewayDbContext db, IOpenIddictApplicationManager applications, AuditRecorder audit, TimeProvider clock,
        CancellationToken ct)
    {
        var v = new Validation();
        v.Require("clientId", request.ClientId, 100);
        v.Require("displayName", request.DisplayName, 100);
        if (request.ClientSecret is null || request.ClientSecret.Length < 16) v.Add("clientSecret", "'clientSecret' must be at least 16 characters.");
        ValidateRoles(v, request.Roles, required: true);
        if (request.Roles?.Contains(Roles.Admin) == true) v.Add("roles", "A system client cannot be an admin.");
        if (!v.IsValid) return v.Problem();
        if (await applications.FindByClientIdAsync(request.ClientId!, ct) is not null)
            return TypedResults.Problem(statusCode: 409, title: "Client exists", detail: $"Client '{request.ClientId}' already exists.");
        await ClientRegistration.CreateAsync(db, applications, request.ClientId!, request.ClientSecret!, request.DisplayName!,
            request.Roles!, request.RegionCodes ?? [], request.OrganizationId, clock.GetUtcNow(), ct);
        await audit.RecordAsync(db, "client_created", $"client:{request.ClientId}", new { roles = request.Roles, regions = request.RegionCodes, request.OrganizationId }, ct);
        return TypedResults.Created($"/api/clients/{request.ClientId}",
            new ClientResponse(request.ClientId!, request.DisplayName!, request.Roles!, request.RegionCodes ?? [], request.OrganizationId, false));
    }

    private static async Task<Ok<List<ClientResponse>>> ListClients(GatewayDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.ServiceClients.AsNoTracking().OrderBy(c => c.ClientId).ToListAsync(ct)).Select(ClientResponse.From).ToList());

    private static async Task<Results<Ok<ClientResponse>, ValidationProblem, NotFound>> UpdateClient(
        [MaxLength(100)] string clientId, UpdateClientRequest request, GatewayDbContext db, IOpenIddictApplicationManager applications,
        TokenRevocation revocation, AuditRecorder audit, CancellationToken ct)
    {
        var v = new Validation();
        if (request.ClientSecret is not null && request.ClientSecret.Length < 16) v.Add("clientSecret", "'clientSecret' must be at least 16 characters.");
        if (request.Disabled is null && request.ClientSecret is null) v.Add("disabled", "Give 'disabled' or 'clientSecret'.");
        if (!v.IsValid) return v.Problem();
        var client = await db.ServiceClients.FirstOrDefaultAsync(c => c.ClientId == clientId, ct);
        var application = client is null ? null : await applications.FindByClientIdAsync(clientId, ct);
        if (client is null || application is null) return TypedResults.NotFound();
        if (request.ClientSecret is not null) await applications.UpdateAsync(application, request.ClientSecret, ct);
        if (request.Disabled is { } disabled) client.Disabled = disabled;
        client.SecurityStamp = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "client_changed", $"client:{clientId}", new { request.Disabled, secretRotated = request.ClientSecret is not null }, ct);
        revocation.Changed(client);
        return TypedResults.Ok(ClientResponse.From(client));
    }
}
