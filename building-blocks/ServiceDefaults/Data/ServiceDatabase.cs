using MediationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

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
        connectionString = WithStatementDefaults(connectionString);
        builder.Services.AddDbContextPool<TDbContext>(o => o
            .UseNpgsql(connectionString, npgsql => npgsql.ExecutionStrategy(d => new RetryingStrategy(d)))
            .UseSnakeCaseNamingConvention());
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The connection settings every service's statements run with, unless its connection string sets them itself
    /// (ADR 0017): <b>prepared statements</b> (<c>Max Auto Prepare=50</c>: a statement run five times on a connection is
    /// prepared there, so PostgreSQL no longer parses and plans each of a registration's ~50 statements — half of the
    /// database's CPU per registration in the probe), and <b>no session reset</b> when a pooled connection is handed out
    /// again (<c>No Reset On Close</c>: the reset would drop those prepared statements, and it was a statement of its own
    /// on every reuse, eight per registration). Nothing here leaves session state behind: settings are <c>SET LOCAL</c>
    /// or <c>set_config(…, true)</c>, locks are transaction locks, and <see cref="SingleRunner"/> releases its session
    /// lock itself. A prepared statement whose table changed under it (a migration of a newer replica during a rolling
    /// update) fails once with 0A000; <see cref="RetryingStrategy"/> runs the unit again and Npgsql prepares it anew.
    /// </summary>
    public static string WithStatementDefaults(string connectionString)
    {
        if (connectionString.Length == 0) return connectionString;
        // the keys as written (Npgsql's own builder answers ContainsKey for every keyword it knows); Npgsql ignores case and blanks
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare")) settings.MaxAutoPrepare = 50;
        if (!given.Contains("noresetonclose")) settings.NoResetOnClose = true;
        return settings.ConnectionString;
    }

    /// <summary>
    /// Npgsql's retrying strategy (5 tries, at most 2 s apart, for what Npgsql calls transient), and also for a prepared
    /// statement that a schema change invalidated ("cached plan must not change result type", 0A000 from the server's
    /// <c>RevalidateCachedQuery</c>): Npgsql has forgotten the statement by then, so the unit's next run prepares it again.
    /// </summary>
    public sealed class RetryingStrategy(ExecutionStrategyDependencies dependencies)
        : NpgsqlRetryingExecutionStrategy(dependencies, 5, TimeSpan.FromSeconds(2), null)
    {
        // 0A000 raised because a prepared statement's result type changed (the routine's name is not translated)
        protected override bool ShouldRetryOn(Exception? exception) =>
            base.ShouldRetryOn(exception)
            || exception is PostgresException { SqlState: PostgresErrorCodes.FeatureNotSupported, Routine: "RevalidateCachedQuery" };
    }

    /// <summary>
    /// How every service uses its context (called from each context's constructor; a pooled context keeps it, EF restores
    /// what the constructor set when it hands the context out again): <b>no automatic savepoints</b>. EF wraps each
    /// <c>SaveChanges</c> inside an explicit transaction in <c>SAVEPOINT</c> and <c>RELEASE</c>, two round trips, so that a
    /// failed save could be retried within the transaction. Nothing here does that: a failed save ends its unit of work,
    /// the transaction is rolled back and the whole unit is run again (the execution strategy, a message's retry) or the
    /// request answers — so the savepoints were two of the 6–8 round trips of every change (ADR 0017).
    /// </summary>
    public static void UnitsOfWork(DatabaseFacade database) => database.AutoSavepointsEnabled = false;

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
