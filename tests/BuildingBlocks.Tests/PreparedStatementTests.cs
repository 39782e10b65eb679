using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// The services' statements are prepared on their connections and the pool does not reset a connection it hands out
/// again (<see cref="ServiceDatabase.WithStatementDefaults"/>, ADR 0017); a prepared statement that a schema change
/// invalidated is run again, not failed (<see cref="ServiceDatabase.RetryingStrategy"/>).
/// </summary>
public sealed class PreparedStatementTests(MessagingHarness h) : IClassFixture<MessagingHarness>
{
    [Fact]
    public void The_defaults_are_added_and_a_connection_string_that_sets_them_keeps_its_own()
    {
        var added = new NpgsqlConnectionStringBuilder(ServiceDatabase.WithStatementDefaults("Host=db;Database=cases"));
        Assert.Equal(50, added.MaxAutoPrepare);
        Assert.True(added.NoResetOnClose);

        var own = new NpgsqlConnectionStringBuilder(
            ServiceDatabase.WithStatementDefaults("Host=db;Database=cases;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, own.MaxAutoPrepare);
        Assert.False(own.NoResetOnClose);
        Assert.Equal("", ServiceDatabase.WithStatementDefaults("")); // unset: left for the start-up checks to report
    }

    [Fact]
    public async Task A_prepared_statement_whose_table_changed_is_run_again_and_prepared_anew()
    {
        var table = $"prepared_probe_{Guid.NewGuid():N}"[..30];
        await using (var setup = new NpgsqlConnection(h.Database.ConnectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE TABLE {table} (id int PRIMARY KEY, value int); INSERT INTO {table} VALUES (1, 7)", setup);
            await create.ExecuteNonQueryAsync();
        }

        var attempts = await h.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(); // one physical connection for the whole test: its prepared statements
            try
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                async Task<int> ValueAsync()
                {
                    await using var cmd = new NpgsqlCommand($"SELECT * FROM {table} WHERE id = $1", connection) { Parameters = { new() { Value = 1 } } };
                    await using var reader = await cmd.ExecuteReaderAsync();
                    Assert.True(await reader.ReadAsync());
                    return reader.GetInt32(1);
                }

                for (var i = 0; i < 6; i++) Assert.Equal(7, await ValueAsync()); // Npgsql prepares after 5 uses
                await using (var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%' || $1 || '%'", connection)
                    { Parameters = { new() { Value = table } } })
                    Assert.True((long)(await prepared.ExecuteScalarAsync())! >= 1, "the statement should be prepared on the connection by now");

                // a newer replica's migration changes the table under the prepared statement
                await using (var other = new NpgsqlConnection(h.Database.ConnectionString))
                {
                    await other.OpenAsync();
                    await using var alter = new NpgsqlCommand($"ALTER TABLE {table} ADD COLUMN note text", other);
                    await alter.ExecuteNonQueryAsync();
                }

                var tries = 0;
                var value = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    tries++;
                    return await ValueAsync();
                });
                Assert.Equal(7, value);
                return tries;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        // the first run met 0A000 (cached plan must not change result type), the strategy ran it again
        Assert.True(attempts == 2, $"expected one failed run and one retry, saw {attempts} run(s)");
    }
}
