namespace MediationPlatform.Gateway.Accounts;

/// <summary>Refuses (401) a valid token whose account was disabled or changed since it was issued.</summary>
public static class RevocationMiddleware
{
    public static IApplicationBuilder UseTokenRevocation(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var revocation = http.RequestServices.GetRequiredService<TokenRevocation>();
            if (!await revocation.IsCurrentAsync(http, TokenRevocation.Subject(http), http.User.FindFirst(TokenRevocation.StampClaim)?.Value))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"the token was revoked\"";
                await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The token was revoked",
                    detail: "The account was disabled or changed after this token was issued; sign in again.").ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    });
}
