using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace MediationPlatform.TestKit;

/// <summary>
/// Where the tests' PostgreSQL and RabbitMQ are. The test script starts them and exports MP_PG_* / MP_RABBIT_*;
/// where those are absent and Docker answers, Testcontainers starts them once per test process.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestInfrastructure? _instance;

    public required string PgHost { get; init; }
    public required int PgPort { get; init; }
    public required string PgUser { get; init; }
    public required string PgPassword { get; init; }
    public required string RabbitHost { get; init; }
    public required int RabbitPort { get; init; }
    public required int RabbitManagementPort { get; init; }
    public required string RabbitUser { get; init; }
    public required string RabbitPassword { get; init; }

    /// <summary>The services' own RabbitMQ users (deploy/rabbitmq/permissions.tsv) and their passwords (deploy/infra.sh).</summary>
    public static readonly string[] ServiceUsers = ["cases", "mediators", "reporting"];

    public IReadOnlyDictionary<string, string> ServicePasswords
    {
        get => _madePasswords ?? _servicePasswords;
        init => _servicePasswords = value;
    }

    private readonly IReadOnlyDictionary<string, string> _servicePasswords = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, string>? _madePasswords;

    /// <summary>Command prefix for rabbitmqctl against the test broker (outage tests); null under Testcontainers.</summary>
    public string? RabbitMqCtl { get; init; }

    public static async Task<TestInfrastructure> GetAsync()
    {
        if (_instance is not null) return _instance;
        await Gate.WaitAsync();
        try
        {
            return _instance ??= FromEnvironment() ?? await FromContainersAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static TestInfrastructure? FromEnvironment()
    {
        var pgPort = Environment.GetEnvironmentVariable("MP_PG_PORT");
        var rabbitPort = Environment.GetEnvironmentVariable("MP_RABBIT_PORT");
        if (string.IsNullOrEmpty(pgPort) || string.IsNullOrEmpty(rabbitPort)) return null;
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
        return new TestInfrastructure
        {
            PgHost = Env("MP_PG_HOST", "127.0.0.1"),
            PgPort = int.Parse(pgPort),
            PgUser = Env("MP_PG_USER", "postgres"),
            PgPassword = Env("MP_PG_PASSWORD", ""),
            RabbitHost = Env("MP_RABBIT_HOST", "127.0.0.1"),
            RabbitPort = int.Parse(rabbitPort),
            RabbitManagementPort = int.Parse(Env("MP_RABBIT_MGMT_PORT", "15672")),
            RabbitUser = Env("MP_RABBIT_USER", "guest"),
            RabbitPassword = Env("MP_RABBIT_PASSWORD", "guest"),
            ServicePasswords = ServiceUsers.ToDictionary(u => u, u => Env($"MP_RABBIT_{u.ToUpperInvariant()}_PASSWORD", "")),
            RabbitMqCtl = Environment.GetEnvironmentVariable("MP_RABBITMQCTL"),
        };
    }

    private static async Task<TestInfrastructure> FromContainersAsync()
    {
        try
        {
            // generated, like deploy/infra.sh: a committed password would be refused by the Production guard
            var pgPassword = Guid.NewGuid().ToString("N");
            var rabbitPassword = Guid.NewGuid().ToString("N");
            var pg = new PostgreSqlBuilder("postgres:15").WithPassword(pgPassword).Build();
            var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management").WithPortBinding(15672, true)
                .WithUsername("mediation-admin").WithPassword(rabbitPassword).Build();
            await Task.WhenAll(pg.StartAsync(), rabbit.StartAsync());
            return new TestInfrastructure
            {
                PgHost = pg.Hostname,
                PgPort = pg.GetMappedPublicPort(5432),
                PgUser = "postgres",
                PgPassword = pgPassword,
                RabbitHost = rabbit.Hostname,
                RabbitPort = rabbit.GetMappedPublicPort(5672),
                RabbitManagementPort = rabbit.GetMappedPublicPort(15672),
                RabbitUser = "mediation-admin",
                RabbitPassword = rabbitPassword,
            };
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                "No test infrastructure: MP_PG_PORT / MP_RABBIT_PORT are not set and Docker is not reachable. " +
                "Run the tests with ./test.sh, which starts PostgreSQL and RabbitMQ.", ex);
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = PgHost, Port = PgPort, Username = PgUser, Password = PgPassword, Database = database,
            MaxPoolSize = 30, IncludeErrorDetail = true,
        }.ConnectionString;

    /// <summary>A new, empty database with a unique name; dropped by the returned handle.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string prefix)
    {
        var name = $"t_{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (name.Length > 60) name = name[..60];
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new TestDatabase(this, name);
    }

    /// <summary>A new RabbitMQ virtual host, so parallel test fixtures never see each other's messages.</summary>
    public async Task<TestVirtualHost> CreateVirtualHostAsync(string prefix)
    {
        var name = $"t-{prefix}-{Guid.NewGuid():N}";
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{name}/{Uri.EscapeDataString(RabbitUser)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return new TestVirtualHost(this, name);
    }

    /// <summary>
    /// Gives each service user the permissions of deploy/rabbitmq/permissions.tsv on <paramref name="vhost"/>, as the
    /// platform runs (ADR 0015). Always true; the return value tells callers the users exist.
    /// </summary>
    public async Task<bool> GrantServiceUsersAsync(string vhost)
    {
        using var http = ManagementClient();
        if (ServicePasswords.Count == 0 || ServicePasswords.Values.Any(string.IsNullOrEmpty))
        {
            // a broker not started by deploy/infra.sh (Testcontainers): make the users, with passwords of this test process
            var made = ServiceUsers.ToDictionary(u => u, _ => Guid.NewGuid().ToString("N"));
            foreach (var (user, password) in made)
                (await http.PutAsJsonAsync($"api/users/{user}", new { password, tags = "" })).EnsureSuccessStatusCode();
            _madePasswords = made;
        }
        foreach (var (user, configure, write, read) in ServicePermissions())
            (await http.PutAsJsonAsync($"api/permissions/{Uri.EscapeDataString(vhost)}/{user}",
                new { configure, write, read })).EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>The rows of deploy/rabbitmq/permissions.tsv.</summary>
    public static IEnumerable<(string User, string Configure, string Write, string Read)> ServicePermissions()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MediationPlatform.sln"))) dir = dir.Parent;
        foreach (var line in File.ReadLines(Path.Combine(dir!.FullName, "deploy", "rabbitmq", "permissions.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            yield return (cells[0], cells[1], cells[2], cells[3]);
        }
    }

    public HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{RabbitHost}:{RabbitManagementPort}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RabbitUser}:{RabbitPassword}")));
        return http;
    }
}

public sealed class TestDatabase(TestInfrastructure infra, string name) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = infra.ConnectionString(name);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(infra.ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

public sealed class TestVirtualHost(TestInfrastructure infra, string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>Messages ready in a queue of this virtual host (management API; refreshed every few seconds by RabbitMQ).</summary>
    public async Task<int> MessagesInQueueAsync(string queue)
    {
        using var http = infra.ManagementClient();
        var response = await http.GetAsync($"api/queues/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return 0;
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.TryGetProperty("messages", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.Number ? m.GetInt32() : 0;
    }

    public async Task<IReadOnlyList<string>> QueueNamesAsync()
    {
        using var http = infra.ManagementClient();
        var list = await http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"api/queues/{Uri.EscapeDataString(Name)}") ?? [];
        return list.Select(q => q.GetProperty("name").GetString()!).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        using var http = infra.ManagementClient();
        await http.DeleteAsync($"api/vhosts/{Name}");
    }
}
