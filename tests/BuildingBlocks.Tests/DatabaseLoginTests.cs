using MediationPlatform.TestKit;
using Npgsql;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// One PostgreSQL login per service in the local infrastructure as in Compose and k8s (deploy/infra.sh, issue 23): each
/// owns its database and can work there, and cannot connect to another service's database at all.
/// </summary>
public sealed class DatabaseLoginTests
{
    private static readonly string[] Services = ["cases", "mediators", "reporting", "identity"];

    private static string Password(string service) =>
        Environment.GetEnvironmentVariable($"MP_PG_{service.ToUpperInvariant()}_PASSWORD") is { Length: > 0 } p ? p
            : throw new InvalidOperationException($"MP_PG_{service.ToUpperInvariant()}_PASSWORD is not set: run the tests with ./test.sh (deploy/infra.sh makes the logins)");

    [Fact]
    public async Task Each_service_login_works_in_its_own_database_and_is_refused_by_every_other()
    {
        var infra = await TestInfrastructure.GetAsync();
        foreach (var service in Services)
        {
            var own = new NpgsqlConnectionStringBuilder { Host = infra.PgHost, Port = infra.PgPort, Database = service, Username = $"svc_{service}", Password = Password(service), Pooling = false };
            await using (var connection = new NpgsqlConnection(own.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE TEMP TABLE probe (x int); SELECT current_user", connection);
                Assert.Equal($"svc_{service}", (string?)await create.ExecuteScalarAsync());
                await using var owner = new NpgsqlCommand("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()", connection);
                Assert.Equal($"svc_{service}", (string?)await owner.ExecuteScalarAsync());
            }
            foreach (var other in Services.Where(s => s != service))
            {
                var foreign = new NpgsqlConnectionStringBuilder(own.ConnectionString) { Database = other };
                await using var connection = new NpgsqlConnection(foreign.ConnectionString);
                var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
                Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege,
                    $"svc_{service} connecting to {other}: expected 42501 (permission denied), got {refused.SqlState} {refused.MessageText}");
            }
        }
    }
}
