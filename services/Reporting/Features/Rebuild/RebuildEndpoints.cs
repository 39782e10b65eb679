using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.Reporting.Features.Rebuild;

public static class RebuildEndpoints
{
    public static IServiceCollection AddRebuild(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Rebuild").Get<RebuildOptions>() ?? new RebuildOptions();
        services.AddSingleton(options);
        services.AddSingleton<RebuildState>();
        services.AddScoped<RebuildRunner>();
        services.AddHttpClient("rebuild", c => c.Timeout = TimeSpan.FromSeconds(60));
        return services;
    }

    public static void MapRebuildEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports/rebuild").WithTags("Reports (统计)");
        group.MapPost("", Start)
            .RequireAuthorization(Policies.Admin)
            .Produces<RebuildStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Drop the projections and rebuild them from the event logs (admin) → 202")
            .WithDescription("Replays every configured source (Rebuild:Sources, e.g. the case service's /api/event-log) through the same projections "
                + "while live events keep arriving; the caller's bearer token is forwarded to the sources. 409 while a rebuild runs. "
                + "Annual snapshots are not touched.");
        group.MapGet("", (RebuildState state) => TypedResults.Ok(state.Current))
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Progress of the last rebuild: status idle|running|done|failed, eventsApplied, startedAt, finishedAt")
            .WithDescription("eventsApplied counts log events the replay applied; eventsRead every event read (those already applied live are read, not applied). " +
                "Each source's log is asked only for the event types some projection applies.");
    }

    private static Results<Accepted<RebuildStatus>, ProblemHttpResult> Start(HttpContext http, RebuildState state, RebuildOptions options, IServiceScopeFactory scopes,
        IHostApplicationLifetime lifetime, TimeProvider clock)
    {
        if (options.Sources.Count == 0)
            return TypedResults.Problem("No event-log sources are configured (Rebuild:Sources).", statusCode: StatusCodes.Status409Conflict);
        if (!state.TryStart(options.Sources.Select(s => s.Name).ToList(), clock.GetUtcNow()))
            return TypedResults.Problem("A rebuild is already running.", statusCode: StatusCodes.Status409Conflict);
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        _ = Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RebuildRunner>().RunAsync(token, lifetime.ApplicationStopping);
        });
        return TypedResults.Accepted("/api/reports/rebuild", state.Current);
    }
}
