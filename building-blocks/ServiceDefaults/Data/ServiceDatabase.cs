using MediationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediationPlatform.ServiceDefaults.Data;

/// <summary>Each service's own PostgreSQL database: registered with the retrying strategy, migrated at start (one replica at a time).</summary>
public static class ServiceDatabase
{
    /// <summary>
    /// The service's PostgreSQL database through EF Core (a pool of contexts) with the retrying execution strategy, the
    /// outbox interceptors, and a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string name)
        where TDbContext : DbContext
    {
        ProductionGuard.Check(builder, [ProductionGuard.Secret.DatabasePassword(name)]);
        // in Production a missing one is among the guard's collected problems, reported with the others at start
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? (ProductionGuard.Applies(builder.Environment) ? "" : throw new InvalidOperationException($"ConnectionStrings:{name} is not configured."));
        // pooled: a request or a consumed message takes a context from the pool instead of building its options and
        // services anew (ADR 0017); the contexts hold no state of their own beyond what EF resets on return
        builder.Services.AddDbContextPool<TDbContext>(o => o
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(5, TimeSpan.FromSeconds(2), null))
            .UseSnakeCaseNamingConvention());
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Applies the committed EF Core migrations at start-up unless <c>Database:MigrateOnStartup</c> is false.</summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this WebApplication app) where TDbContext : DbContext
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStartup", true)) return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // replicas starting together migrate one after the other (EF's own migration lock let two replicas add one
        // column twice to a new database, seen with docker-compose --scale)
        await SingleRunner.MigrateAsync(db);
    }
}
