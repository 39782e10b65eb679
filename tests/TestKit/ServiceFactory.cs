using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.TestKit;

/// <summary>
/// Hosts a service in-process against a fresh database and RabbitMQ virtual host of the real test servers, trusting
/// <see cref="TestTokens.Shared"/>. Dispose drops both.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncDisposable where TProgram : class
{
    private readonly Dictionary<string, string?> _settings;

    public TestDatabase Database { get; }
    public TestVirtualHost VirtualHost { get; }
    public TestInfrastructure Infrastructure { get; }

    protected ServiceFactory(TestInfrastructure infra, TestDatabase database, TestVirtualHost vhost,
        string connectionName, IDictionary<string, string?>? extra)
    {
        Infrastructure = infra;
        ClientOptions.BaseAddress = new Uri("https://localhost"); // the token endpoint refuses plain HTTP outside Development
        Database = database;
        VirtualHost = vhost;
        _settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{connectionName}"] = database.ConnectionString,
            ["RabbitMq:Host"] = infra.RabbitHost,
            ["RabbitMq:Port"] = infra.RabbitPort.ToString(),
            ["RabbitMq:VirtualHost"] = vhost.Name,
            ["RabbitMq:Username"] = infra.RabbitUser,
            ["RabbitMq:Password"] = infra.RabbitPassword,
            ["RabbitMq:RetryIntervalsMs"] = "50,100,200",
            ["Auth:Issuer"] = TestTokens.Issuer,
            ["Auth:Audience"] = TestTokens.Audience,
            ["Auth:SigningKeyPath"] = TestTokens.Shared.PublicKeyPath,
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in TestSecrets.Settings) _settings[k] = v;
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public static async Task<TFactory> CreateAsync<TFactory>(
        string prefix, Func<TestInfrastructure, TestDatabase, TestVirtualHost, TFactory> create)
        where TFactory : ServiceFactory<TProgram>
    {
        var infra = await TestInfrastructure.GetAsync();
        var db = await infra.CreateDatabaseAsync(prefix);
        var vhost = await infra.CreateVirtualHostAsync(prefix);
        var factory = create(infra, db, vhost);
        _ = factory.Server; // start now: migrations applied, queues declared
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>An HTTP client that sends the given bearer token.</summary>
    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Publishes an event on the service's own bus, as another service would (optionally with a fixed MessageId).</summary>
    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var bus = Services.GetRequiredService<IBus>();
        await bus.Publish(message, message.GetType(), ctx => ctx.MessageId = messageId ?? NewId.NextGuid());
    }

    /// <summary>Runs <paramref name="action"/> with a fresh scope's <typeparamref name="TDb"/>.</summary>
    public async Task<T> WithDbAsync<TDb, T>(Func<TDb, Task<T>> action) where TDb : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        await VirtualHost.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
