using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Observability;
using MediationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace MediationPlatform.ServiceDefaults.Web;

public static class WebDefaults
{
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static void ConfigureJson(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.Converters.Add(new ExactEnumConverter()); // enum values exactly as documented: no case folding, no trimming, no numbers
    }

    /// <summary>Problem details, JSON conventions, bounded bodies, token validation, health checks and OpenAPI.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string title, string description, bool publicEdge = false)
    {
        ProductionGuard.Collect(builder);
        builder.AddTransport(publicEdge);
        builder.AddTelemetry();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.Configure<JsonOptions>(o =>
        {
            ConfigureJson(o.SerializerOptions);
            // a request body field the operation does not define is refused (400 naming it), not silently ignored:
            // "riskLevl" would otherwise register a case with the default risk (api.md, "Contract rules (wave 3)")
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // binding failures reach BadRequestExceptionHandler, which names the field
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
        });
        builder.AddTokenValidation();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = title, Version = "v1", Description = description,
                Contact = new OpenApiContact { Name = "MediationPlatform operators (平台运维)" },
            });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Access token from the gateway's POST /connect/token: a JWT signed with RS256 by the gateway's key, " +
                    "handled as RFC8725 (JWT best current practice) asks — one algorithm accepted, issuer, audience and lifetime " +
                    "checked, no unsigned token; it lives Auth:AccessTokenLifetime (1 h) and is refused at the gateway after a " +
                    "password, role or stamp change.",
            });
            // the same token, fetched from the UI: OAuth2 password (people) and client credentials (agency systems) at the
            // gateway's token endpoint, relative so it resolves against whichever origin serves the document
            var tokenUrl = new Uri("/connect/token", UriKind.Relative);
            o.AddSecurityDefinition("oauth2", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "POST /connect/token at the gateway (form body): grant_type=password for people (with otp where a second " +
                    "factor is on), client_credentials for agency systems. The access token is a JWT handled as RFC8725 asks " +
                    "(RS256 only; issuer, audience, lifetime checked); no refresh tokens: a person signs in again after 1 h.",
                Flows = new OpenApiOAuthFlows
                {
                    Password = new OpenApiOAuthFlow { TokenUrl = tokenUrl, Scopes = new Dictionary<string, string>() },
                    ClientCredentials = new OpenApiOAuthFlow { TokenUrl = tokenUrl, Scopes = new Dictionary<string, string>() },
                },
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", doc)] = [],
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("oauth2", doc)] = [],
            });
            // relative: through the gateway the proxied documents' calls go to the gateway, served directly to the service
            o.AddServer(new OpenApiServer
            {
                Url = "/", Description = "the origin that served this document (the gateway in production)",
                // the public contract: what the gateway routes (the services themselves listen on an internal network)
                Extensions = new Dictionary<string, Microsoft.OpenApi.IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(false) },
            });
            o.SupportNonNullableReferenceTypes();
            o.CustomOperationIds(OperationIds.For); // every operation has one, stable and unique (issue 19)
            o.OperationFilter<CommonAnswers>(); // 401/403/429 (and Retry-After) on every operation
            o.SchemaFilter<RequestLimitSchemas>(); // what the binder enforces (uuid, date-time) as limits; snake-case enums
            o.ParameterFilter<RequestLimitSchemas>();
        });
        return builder;
    }

    /// <summary>
    /// A NUL character in the query string (<c>%00</c>) is refused with 400 before any endpoint sees it: PostgreSQL text
    /// cannot hold one, and no legitimate parameter needs it (Kestrel already refuses it in the path).
    /// </summary>
    private static async Task RefuseNulInQuery(HttpContext http, Func<Task> next)
    {
        var query = http.Request.QueryString.Value;
        if (query is not null && (query.Contains("%00", StringComparison.Ordinal) || query.Contains('\0')))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query string",
                detail: "The query string contains a NUL character (%00).").ExecuteAsync(http);
            return;
        }
        await next();
    }

    /// <summary>
    /// Error handling, authentication, health endpoints (anonymous) and OpenAPI (anonymous). <paramref name="afterAuthentication"/>
    /// runs between authentication and authorization (the gateway refuses revoked tokens there, before any 403).
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<Swashbuckle.AspNetCore.SwaggerUI.SwaggerUIOptions>? swaggerUi = null,
        Action<WebApplication>? afterAuthentication = null)
    {
        ProductionGuard.ThrowIfAny(app.Services);
        app.UseTransport();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RefuseNulInQuery);
        // OpenAPI documents and the UI are public (quality.md): served before authorization runs. Each process serves only
        // its own document ("v1"): the gateway's proxy serves /swagger/{service}/swagger.json, which Swashbuckle's
        // route template would otherwise answer first with a 404 (issue 19).
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/swagger/v1"), own => own.UseSwagger());
        app.UseSwaggerUI(o => swaggerUi?.Invoke(o));
        app.MapMetrics();
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            // A degraded bus (broker unreachable) is not ready.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return app;
    }
}
