using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// A first start against a PostgreSQL server without the service's database (an installer's empty server, the
/// benchmark's fresh databases): the migrations at start create it, also when two replicas start at once — the lock
/// they take lives in that database, so it cannot be taken before the database exists.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task Two_replicas_starting_against_an_empty_server_create_the_database_once_and_both_start()
    {
        var infra = await TestInfrastructure.GetAsync();
        var name = $"t_first_{Guid.NewGuid():N}"[..30];
        var database = new TestDatabase(infra, name); // dropped at the end; not created here
        await using (database)
        {
            var errors = new ErrorLog();
            using var logging = LoggerFactory.Create(b => b.AddProvider(errors));
            async Task StartAsync()
            {
                await using var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database.ConnectionString)
                    .UseLoggerFactory(logging).Options);
                await SingleRunner.MigrateAsync(db);
            }
            var starts = await Task.WhenAll(Task.Run(StartAsync).ContinueWith(t => t.Exception?.GetBaseException().Message),
                Task.Run(StartAsync).ContinueWith(t => t.Exception?.GetBaseException().Message));
            Assert.True(starts.All(e => e is null), $"both replicas should start: {string.Join(" | ", starts.Select(e => e ?? "ok"))}");
            // a healthy first start logs no error (EF's migrator used to log its read of the missing history table); the
            // replica that lost the race to create the database logs that failed command before SingleRunner takes it as made
            var unexpected = errors.Lines.Where(l => !l.Contains("CREATE DATABASE", StringComparison.Ordinal)).ToList();
            Assert.True(unexpected.Count == 0, $"errors logged on a healthy first start: {string.Join(" | ", unexpected)}");

            await using var conn = new NpgsqlConnection(infra.ConnectionString("postgres"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }
    }
}

/// <summary>Every log line at Error or above, whatever its category.</summary>
internal sealed class ErrorLog : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
