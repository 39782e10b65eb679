using System.Security.Claims;
using MediationPlatform.Contracts;
using MediationPlatform.Gateway.Accounts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Gateway.Proxy;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
            .WithDescription("People: `grant_type=password&username=…&password=…`. Systems (a police or court system pulling its referrals): `grant_type=client_credentials&client_id=…&client_secret=…`. Answers `{ access_token, token_type: \"Bearer\", expires_in }`. After 5 wrong passwords in a row an account is locked for 15 minutes (`Accounts:*`); every refusal has the same message and the same cost, whether the name exists or not. An account with a second factor also sends `otp`: the current 6-digit TOTP code (RFC 6238), or one of its recovery codes (each once); a missing or wrong code is refused like a wrong password and counts toward the lockout.")
            .ExcludeFromDescription();

    /// <summary>
    /// A hash of a random password made with the same hasher: an unknown, disabled or locked account is checked against
    /// it, so every refusal costs one PBKDF2 verification and unknown names answer no faster than wrong passwords.
    /// </summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString()));

    private const string Refused = "The user name or password is wrong, or the account is disabled or temporarily locked.";

    private static async Task<IResult> Exchange(
        HttpContext http, GatewayDbContext db, IPasswordHasher<User> hasher, AuthSettings auth, IOptions<AccountOptions> accounts, SecondFactor secondFactor,
        TimeProvider clock, ILogger<User> logger, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        ClaimsIdentity identity;
        if (request.IsPasswordGrantType())
        {
            var name = (request.Username ?? "").Trim().ToUpperInvariant();
            var password = request.Password ?? "";
            var now = clock.GetUtcNow();
            var user = name.Length is > 0 and <= 100 ? await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == name, ct) : null;
            var address = AuditTrail.AddressOf(http);
            if (user is null || user.Disabled || user.LockedUntil > now)
            {
                hasher.VerifyHashedPassword(new User(), DecoyHash.Value, password); // the same cost as a real check
                await AuditTrail.AppendAsync(db, "sign_in_refused", user?.Id.ToString() ?? $"name:{name}", address, user?.Id.ToString(),
                    new { reason = user is null ? "unknown" : user.Disabled ? "disabled" : "locked" }, ct);
                return Reject(Errors.InvalidGrant, Refused);
            }
            // per-account lockout, as ASP.NET Core Identity does it: N wrong passwords (or second-factor codes) in a row lock
            // sign-in for a while. One UPDATE that reads the stored count, so concurrent wrong guesses cannot overwrite each other's count.
            async Task<IResult> WrongAsync()
            {
                var max = accounts.Value.MaxFailedSignIns;
                var until = now + accounts.Value.LockoutDuration;
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(u => u.LockedUntil, u => u.FailedSignIns + 1 >= max ? until : u.LockedUntil)
                    .SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1 >= max ? 0 : u.FailedSignIns + 1), ct);
                if (user.FailedSignIns + 1 >= max)
                    logger.LogWarning("Account {UserId} locked until {LockedUntil} after {Count} wrong passwords or codes", user.Id, until, max);
                await AuditTrail.AppendAsync(db, "sign_in_refused", user.Id.ToString(), address, user.Id.ToString(), new { reason = "wrong_password_or_code" }, ct);
                if (user.FailedSignIns + 1 >= max)
                    await AuditTrail.AppendAsync(db, "account_locked", "system", address, user.Id.ToString(), new { until }, ct);
                return Reject(Errors.InvalidGrant, Refused);
            }
            if (password.Length == 0 || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
                return await WrongAsync();
            var usedRecoveryCode = false;
            // the second factor (RFC 6238 TOTP, or a recovery code once): a missing or wrong one is a wrong password
            if (user.MfaSecret is { } sealedSecret)
            {
                var otp = request.GetParameter("otp")?.ToString()?.Trim();
                var step = SecondFactor.StepOf(secondFactor.Open(sealedSecret, user.Id), otp, now.UtcDateTime);
                if (step is { } s && s > user.MfaLastStep) user.MfaLastStep = s;
                else if (otp is { Length: > 0 } && user.RecoveryCodeHashes.Contains(SecondFactor.HashOf(otp)))
                {
                    usedRecoveryCode = true;
                    user.RecoveryCodeHashes = user.RecoveryCodeHashes.Where(h => h != SecondFactor.HashOf(otp)).ToList();
                    logger.LogWarning("Account {UserId} signed in with a recovery code ({Left} left)", user.Id, user.RecoveryCodeHashes.Count);
                }
                else return await WrongAsync();
                await db.SaveChangesAsync(ct);
            }
            if (user.FailedSignIns > 0 || user.LockedUntil is not null)
            {
                user.FailedSignIns = 0;
                user.LockedUntil = null;
                await db.SaveChangesAsync(ct);
            }
            await AuditTrail.AppendAsync(db, "sign_in", user.Id.ToString(), address, user.Id.ToString(),
                new { secondFactor = user.MfaSecret is null ? "none" : usedRecoveryCode ? "recovery_code" : "totp" }, ct);
            identity = NewIdentity(user.Id.ToString(), user.DisplayName, user.Roles, user.RegionCodes, user.MediatorId, user.OrganizationId);
            identity.SetClaim(TokenRevocation.StampClaim, user.SecurityStamp.ToString());
            identity.SetClaim(SecondFactorGate.Claim, user.MfaSecret is null ? "false" : "true");
            identity.SetDestinations(_ => [Destinations.AccessToken]);
        }
        else if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already checked client_id and client_secret against its application table.
            var client = await db.ServiceClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == request.ClientId, ct);
            if (client is null || client.Disabled)
            {
                await AuditTrail.AppendAsync(db, "sign_in_refused", $"client:{request.ClientId}", AuditTrail.AddressOf(http), null, new { reason = "client_disabled" }, ct);
                return Reject(Errors.InvalidClient, "Unknown or disabled client.");
            }
            await AuditTrail.AppendAsync(db, "client_sign_in", $"client:{client.ClientId}", AuditTrail.AddressOf(http), null, null, ct);
            identity = NewIdentity(client.ClientId, client.DisplayName, client.Roles, client.RegionCodes, null, client.OrganizationId);
            identity.SetClaim(TokenRevocation.StampClaim, TokenRevocation.ClientStamp(client.SecurityStamp));
            identity.SetDestinations(_ => [Destinations.AccessToken]);
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
