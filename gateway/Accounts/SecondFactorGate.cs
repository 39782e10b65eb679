using MediationPlatform.Contracts;

namespace MediationPlatform.Gateway.Accounts;

/// <summary>
/// Where the second factor is enforced (<c>Security:EnforceMfa</c>, default in Production): a person's token whose roles
/// include one of <c>Security:MfaRequiredRoles</c> and that was not issued with a second factor (claim <c>mfa</c> not
/// "true") gets 403 on every route but enrolment (<c>/api/account/mfa</c>), so the person can enrol and sign in again.
/// System clients (client credentials) carry no <c>mfa</c> claim and are not concerned.
/// </summary>
public static class SecondFactorGate
{
    public const string Claim = "mfa";

    public static IApplicationBuilder UseSecondFactorGate(this IApplicationBuilder app, SecondFactorOptions options, bool production)
    {
        if (!(options.EnforceMfa ?? production)) return app;
        var required = options.RequiredRoles.ToHashSet(StringComparer.Ordinal);
        return app.Use(async (http, next) =>
        {
            var user = http.User;
            if (user.Identity?.IsAuthenticated == true && user.FindFirst(Claim)?.Value == "false"
                && user.FindAll(ClaimNames.Role).Any(r => required.Contains(r.Value))
                && !http.Request.Path.StartsWithSegments("/api/account/mfa"))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Second factor required",
                    detail: "Your role needs a second factor (等保 2.0): enrol at POST /api/account/mfa, confirm a code, then sign in again with `otp`.",
                    extensions: new Dictionary<string, object?> { ["code"] = "mfa_required" }).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
    }
}
