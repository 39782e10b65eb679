using MediationPlatform.Gateway.Accounts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Gateway.Identity;
using MediationPlatform.Gateway.Operations;
using MediationPlatform.Gateway.Proxy;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Identity;

namespace MediationPlatform.Gateway;

/// <summary>The gateway's wiring (<see cref="AddGatewayService"/>) and its route table (<see cref="MapGatewayService"/>).</summary>
public static class GatewayService
{
    public static WebApplicationBuilder AddGatewayService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("MediationPlatform — gateway (网关)",
            "Token endpoint, users and system clients, and the route table to the case, mediator and reporting services.", publicEdge: true);
        builder.AddAccounts();
        builder.AddServiceDatabase<GatewayDbContext>("Identity");
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddGatewayRateLimits(builder.Configuration);
        builder.Services.AddReverseProxy().AddGatewayRoutes(builder.Configuration);
        builder.Services.AddHttpClient(DeadLetterOverview.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditRecorder>();

        var auth = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        var signingKey = SigningKeys.LoadOrCreate(auth.SigningKeyPath);
        var secondFactorOptions = builder.Configuration.GetSection("Security").Get<SecondFactorOptions>() ?? new SecondFactorOptions();
        builder.Services.AddSingleton(secondFactorOptions);
        builder.Services.AddSingleton(SecondFactor.Create(secondFactorOptions, signingKey.Rsa!));
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<GatewayDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token");
                o.AllowPasswordFlow().AllowClientCredentialsFlow();
                o.AcceptAnonymousClients(); // people use the password grant without a client id
                o.SetIssuer(new Uri(auth.Issuer));
                o.SetAccessTokenLifetime(builder.Configuration.GetValue("Auth:AccessTokenLifetime", TimeSpan.FromHours(1)));
                o.AddSigningKey(signingKey);
                o.AddEphemeralEncryptionKey(); // required by OpenIddict; access tokens themselves are signed, not encrypted
                o.DisableAccessTokenEncryption(); // services validate a plain signed JWT
                o.DisableTokenStorage(); // self-contained access tokens only: no table that grows with every sign-in
                var aspNetCore = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                // plain HTTP only on a developer's machine: elsewhere the gateway serves HTTPS or sits behind a TLS proxy (ADR 0015)
                if (builder.Environment.IsDevelopment()) aspNetCore.DisableTransportSecurityRequirement();
            });
        return builder;
    }

    public static WebApplication MapGatewayService(this WebApplication app)
    {
        app.UseServiceDefaults(ui =>
        {
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "Gateway: identity");
            ui.SwaggerEndpoint("/swagger/cases/swagger.json", "Case service");
            ui.SwaggerEndpoint("/swagger/mediators/swagger.json", "Mediator service");
            ui.SwaggerEndpoint("/swagger/reporting/swagger.json", "Reporting service");
        }, afterAuthentication: a =>
        {
            // the per-user buckets on every /api request, with the quota headers — before revocation, the second-factor
            // gate and authorization, so their refusals are counted and carry the headers too (no token: per address)
            a.UseApiRateLimit();
            a.UseTokenRevocation().UseSecondFactorGate(app.Services.GetRequiredService<SecondFactorOptions>(), app.Environment.IsProduction());
        });
        app.UseRateLimiter();   // the token endpoint's per-address window

        // Route table: identity here, everything else proxied (see Proxy/ProxyRoutes.cs); the gateway's own endpoints
        // with the request limits their parameters and request types declare (RequestLimits: issue 19)
        var api = app.MapGroup("").WithRequestLimits();
        api.MapTokenEndpoint();
        api.MapUserEndpoints();
        api.MapMfaEndpoints();
        api.MapDeadLetterOverview();
        api.MapAuditOverview();
        app.MapReverseProxy();
        return app;
    }
}
