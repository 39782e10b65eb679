using System.Collections.Concurrent;
using MassTransit;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediationPlatform.BuildingBlocks.Tests;

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();
    public DbSet<Applied> Applied => Set<Applied>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.UseUtcTimestamps();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<Widget>(e => e.HasIndex(x => x.Name).IsUnique());
        model.Entity<Applied>(e => e.HasKey(x => x.Key));
    }
}

public sealed class Widget
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>How many times the inboxed consumer applied a message with this key.</summary>
public sealed class Applied
{
    public string Key { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>Every delivery the raw recorder saw, by MessageId (no inbox: this shows re-sends).</summary>
public sealed class DeliveryLog
{
    public ConcurrentDictionary<Guid, int> ByMessageId { get; } = new();
    public int Total => ByMessageId.Values.Sum();
}

/// <summary>Applies RegionRegistered through the inbox: increments Applied[code].</summary>
public sealed class InboxedCounter(TestDbContext db) : InboxConsumer<RegionRegistered, TestDbContext>(db)
{
    /// <summary>Codes starting with "sick" fail until they are in here (the fix an operator makes before a requeue).</summary>
    public static readonly ConcurrentDictionary<string, bool> Healed = new();

    protected override async Task ApplyAsync(RegionRegistered m, ConsumeContext<RegionRegistered> context, CancellationToken ct)
    {
        if (m.Code.StartsWith("poison", StringComparison.Ordinal)) throw new InvalidOperationException("poison message");
        if (m.Code.StartsWith("sick", StringComparison.Ordinal) && !Healed.ContainsKey(m.Code))
            throw new InvalidOperationException($"{m.Code} cannot be applied yet");
        var row = await Db.Applied.FirstOrDefaultAsync(a => a.Key == m.Code, ct);
        if (row is null) Db.Applied.Add(row = new Applied { Key = m.Code });
        row.Count++;
        // Widen the window in which concurrent duplicates overlap.
        await Task.Delay(5, ct);
    }
}

public sealed class RawRecorder(DeliveryLog log) : IConsumer<RegionRegistered>
{
    public Task Consume(ConsumeContext<RegionRegistered> context)
    {
        log.ByMessageId.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>A real host: PostgreSQL database, RabbitMQ virtual host, the building blocks as the services use them.</summary>
public sealed class MessagingHarness : IAsyncLifetime
{
    public IHost Host { get; private set; } = null!;
    public TestDatabase Database { get; private set; } = null!;
    public TestVirtualHost VirtualHost { get; private set; } = null!;
    public DeliveryLog Log { get; } = new();

    public async Task InitializeAsync()
    {
        var infra = await TestInfrastructure.GetAsync();
        Database = await infra.CreateDatabaseAsync("bb");
        VirtualHost = await infra.CreateVirtualHostAsync("bb");
        Host = await StartHostAsync(Database, VirtualHost, "bb", x =>
        {
            x.AddConsumer<InboxedCounter>();
            x.AddConsumer<RawRecorder>();
        }, new()
        {
            ["RabbitMq:RetryIntervalsMs"] = "20,20",
            // The tests drive dispatchers themselves.
            ["Outbox:RunDispatcher"] = "false",
        }, services: s => s.AddSingleton(Log));
    }

    /// <summary>
    /// A messaging host — the shared harness's, or a test's own (one that restarts or limits the bus): the platform's
    /// messaging for <see cref="TestDbContext"/> on <paramref name="database"/> and <paramref name="vhost"/>, its
    /// dispatcher running unless <paramref name="settings"/> say otherwise, <paramref name="settings"/> on top and
    /// <paramref name="services"/> added; started, with the schema created.
    /// </summary>
    public static async Task<IHost> StartHostAsync(TestDatabase database, TestVirtualHost vhost, string service,
        Action<IBusRegistrationConfigurator> consumers, Dictionary<string, string?> settings, ILoggerProvider? log = null,
        Action<IServiceCollection>? services = null)
    {
        var infra = await TestInfrastructure.GetAsync();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (log is not null)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(log);
        }
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Test"] = database.ConnectionString,
            ["RabbitMq:Host"] = infra.RabbitHost,
            ["RabbitMq:Port"] = infra.RabbitPort.ToString(),
            ["RabbitMq:VirtualHost"] = vhost.Name,
            ["RabbitMq:Username"] = infra.RabbitUser,
            ["RabbitMq:Password"] = infra.RabbitPassword,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDatabase<TestDbContext>("Test");
        services?.Invoke(builder.Services);
        builder.AddMessaging<TestDbContext>(service, consumers);
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        await host.StartAsync();
        return host;
    }

    public OutboxDispatcher<TestDbContext> NewDispatcher(Action<OutboxOptions>? configure = null)
    {
        var options = new OutboxOptions { BatchSize = 100 };
        configure?.Invoke(options);
        return ActivatorUtilities.CreateInstance<OutboxDispatcher<TestDbContext>>(Host.Services, Options.Create(options));
    }

    public async Task<T> WithDbAsync<T>(Func<TestDbContext, Task<T>> action)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public Task<int> AppliedCountAsync(string key) =>
        WithDbAsync(async db => (await db.Applied.AsNoTracking().FirstOrDefaultAsync(a => a.Key == key))?.Count ?? 0);

    public static RegionRegistered Event(string code) =>
        new(code, "test", Contracts.RegionKind.Village, null, null, null, DateTimeOffset.UtcNow);

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Database.DisposeAsync();
        await VirtualHost.DisposeAsync();
    }
}
