using System.Security.Claims;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.Contracts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Gateway.Proxy;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MediationPlatform.Gateway.Identity;

/// <summary>
/// <c>POST /connect/token</c>: OpenIddict validates the protocol (and client secrets); this handler decides who the
/// caller is and which claims the access token carries: sub, name, role (one or more), region (codes the caller may
/// act in), mediator_id / organization_id when linked.
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", Exchange)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.TokenPolicy)
            .WithTags("Identity (身份)")
            .WithSummary("OAuth 2.0 token endpoint (form-encoded): grant_type=password or client_credentials")
            .WithDescription("People: `grant_type=password&username=…&password=…`. Systems (a police or court system pulling its referrals): `grant_type=client_credentials&client_id=…&client_secret=…`. Answers `{ access_token, token_type: \"Bearer\", expires_in }`.")
            .ExcludeFromDescription();

    private static async Task<IResult> Exchange(
        HttpContext http, GatewayDbContext db, IPasswordHasher<User> hasher, AuthSettings auth, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        ClaimsIdentity identity;
        if (request.IsPasswordGrantType())
        {
            var name = (request.Username ?? "").Trim().ToUpperInvariant();
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == name, ct);
            if (user is null || user.Disabled || string.IsNullOrEmpty(request.Password)
                || hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
                return Reject(Errors.InvalidGrant, "The user name or password is wrong, or the account is disabled.");
            identity = NewIdentity(user.Id.ToString(), user.DisplayName, user.Roles, user.RegionCodes, user.MediatorId, user.OrganizationId);
        }
        else if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already checked client_id and client_secret against its application table.
            var client = await db.ServiceClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == request.ClientId, ct);
            if (client is null) return Reject(Errors.InvalidClient, "Unknown client.");
            identity = NewIdentity(client.ClientId, client.DisplayName, client.Roles, client.RegionCodes, null, client.OrganizationId);
        }
        else
        {
            return Reject(Errors.UnsupportedGrantType, "Only the password and client_credentials grants are supported.");
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetResources(auth.Audience);
        principal.SetScopes(request.GetScopes());
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ClaimsIdentity NewIdentity(
        string subject, string name, IEnumerable<string> roles, IEnumerable<string> regions, Guid? mediatorId, Guid? organizationId)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, ClaimNames.Name, ClaimNames.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetClaim(ClaimNames.Name, name);
        identity.SetClaims(ClaimNames.Role, [.. roles]);
        identity.SetClaims(ClaimNames.Region, [.. regions]);
        if (mediatorId is { } m) identity.SetClaim(ClaimNames.MediatorId, m.ToString());
        if (organizationId is { } o) identity.SetClaim(ClaimNames.OrganizationId, o.ToString());
        // Every claim goes into the access token (there is no identity token here).
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return identity;
    }

    private static IResult Reject(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
