using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
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
            async Task StartAsync()
            {
                await using var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database.ConnectionString).Options);
                await SingleRunner.MigrateAsync(db);
            }
            var starts = await Task.WhenAll(Task.Run(StartAsync).ContinueWith(t => t.Exception?.GetBaseException().Message),
                Task.Run(StartAsync).ContinueWith(t => t.Exception?.GetBaseException().Message));
            Assert.True(starts.All(e => e is null), $"both replicas should start: {string.Join(" | ", starts.Select(e => e ?? "ok"))}");

            await using var conn = new NpgsqlConnection(infra.ConnectionString("postgres"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }
    }
}
