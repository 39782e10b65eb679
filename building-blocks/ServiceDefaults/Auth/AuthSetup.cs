using MediationPlatform.Contracts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace MediationPlatform.ServiceDefaults.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Every service validates the gateway's JWT itself: signature (the shared RSA key), issuer, audience, lifetime with
    /// a small clock skew, token type <c>at+jwt</c> (an id_token is refused). Every endpoint requires an authenticated
    /// user unless it says otherwise (health and OpenAPI).
    /// </summary>
    public static IHostApplicationBuilder AddTokenValidation(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        builder.Services.AddSingleton(settings);
        var key = new Lazy<SecurityKey>(() => SigningKeys.Load(settings.SigningKeyPath));

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.RequireHttpsMetadata = false;
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKeyResolver = (_, _, _, _) => [key.Value],
                    ClockSkew = settings.ClockSkew,
                    ValidTypes = ["at+jwt"],
                    NameClaimType = ClaimNames.Name,
                    RoleClaimType = ClaimNames.Role,
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        return builder;
    }
}
