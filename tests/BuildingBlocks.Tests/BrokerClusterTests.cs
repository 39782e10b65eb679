using System.Diagnostics;
using System.Text.Json;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// A clustered broker (issue 22 item 4, ADR 0028): three RabbitMQ nodes on this machine (deploy/rabbitmq/cluster.sh), a
/// service's outbox dispatcher and inboxed consumer connected to all three (RabbitMq:Nodes), the node that leads their
/// quorum queue — the node the service declared it on, i.e. connected to — killed with SIGKILL while events are being
/// written: every event is applied
/// exactly once, the queue keeps its other two replicas and a new leader, the service reconnects by itself, and the
/// killed node rejoins when started again.
/// </summary>
[Collection(BrokerClusterCollection.Name)]
public sealed class BrokerClusterTests(ITestOutputHelper output)
{
    private const int Before = 200, After = 400, AfterRejoin = 50;

    [Fact]
    public async Task A_node_killed_under_load_loses_nothing_doubles_nothing_and_the_service_reconnects_by_itself()
    {
        var dir = Directory.CreateTempSubdirectory("mediation-cluster-").FullName;
        int[] amqp = [Commands.FreePort(), Commands.FreePort(), Commands.FreePort()];
        int[] dist = [Commands.FreePort(), Commands.FreePort(), Commands.FreePort()];
        try
        {
            await ClusterAsync("up", dir, "--ports", string.Join(',', amqp), "--dist-ports", string.Join(',', dist));
            var infra = await TestInfrastructure.GetAsync();
            await using var database = await infra.CreateDatabaseAsync("cluster");
            var log = new HostLog();
            using var host = await StartServiceAsync(database.ConnectionString, amqp, log);

            var run = $"c{Guid.NewGuid():N}"[..12];
            var progress = new List<(TimeSpan At, int Applied)>();
            var clock = Stopwatch.StartNew();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    var n = await AppliedAsync(host, run);
                    lock (progress) progress.Add((clock.Elapsed, n));
                    await Task.Delay(100);
                }
            });

            await WriteAsync(host, run, 0, Before);
            var queue = await ConsumerQueueAsync(dir);
            Assert.True(queue.Type == "quorum" && queue.Members.Length == 3,
                $"the consumer's queue should be a quorum queue on all three nodes: {queue}");
            var victim = NodeNumber(queue.Leader); // where the queue was declared: the service's connection is there too
            var killedAt = clock.Elapsed;
            await ClusterAsync("kill", dir, victim.ToString());
            await WriteAsync(host, run, Before, After);

            var all = Before + After;
            var applied = await Eventually.ValueAsync(() => AppliedAsync(host, run), n => n >= all, TimeSpan.FromSeconds(120), 200);
            var allAppliedAt = clock.Elapsed;
            if (applied != all)
            {
                var outbox = await WithDbAsync(host, db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null));
                Assert.Fail($"all {all} events should be applied after node {victim} died; {applied} were (after {allAppliedAt - killedAt:g}); " +
                    $"{outbox} outbox rows unsent; the queue: {await QueueAsync(dir, "inboxed-counter")}; the service's last warnings:\n{log.Tail(30)}");
            }
            var unsent = await WithDbAsync(host, db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null));
            Assert.True(unsent == 0, $"the outbox should be empty; {unsent} rows unsent");

            var survived = await ConsumerQueueAsync(dir);
            Assert.True(survived.Online.Length == 2 && survived.Leader is not null && NodeNumber(survived.Leader) != victim,
                $"the queue should run on the two other nodes with a new leader: {survived}");

            await ClusterAsync("start", dir, victim.ToString());
            var rejoined = await Eventually.ValueAsync(() => ConsumerQueueAsync(dir), q => q.Online.Length == 3, TimeSpan.FromSeconds(60), 500);
            Assert.True(rejoined.Online.Length == 3, $"node {victim} should rejoin the queue when started again: {rejoined}");
            await WriteAsync(host, run, all, AfterRejoin);
            var total = all + AfterRejoin;
            applied = await Eventually.ValueAsync(() => AppliedAsync(host, run), n => n >= total, TimeSpan.FromSeconds(60), 200);
            Assert.True(applied == total, $"events after the rejoin should flow too: {applied} of {total} applied");

            // A publish whose confirm died with the node is published again (at least once): the copies still in the
            // queue reach the consumer too; once it is empty, each event must have been applied exactly once.
            var drained = await Eventually.ValueAsync(() => ConsumerQueueAsync(dir), q => q.Messages == 0, TimeSpan.FromSeconds(60), 500);
            Assert.True(drained.Messages == 0, $"the queue should drain: {drained}");
            var doubled = await WithDbAsync(host, db => db.Applied.AsNoTracking().Where(a => a.Key.StartsWith(run) && a.Count != 1)
                .Select(a => a.Key + "×" + a.Count).ToListAsync());
            Assert.True(doubled.Count == 0, $"nothing may be applied twice: {string.Join(", ", doubled)}");

            // The error queue a failed message is parked in must survive a node too.
            await WithDbAsync(host, async db =>
            {
                db.AddOutboxMessage(MessagingHarness.Event($"poison-{run}"));
                return await db.SaveChangesAsync();
            });
            var parked = await Eventually.ValueAsync(() => QueueAsync(dir, "inboxed-counter_error"), q => q?.Messages >= 1, TimeSpan.FromSeconds(30), 500);
            Assert.True(parked is { Type: "quorum", Members.Length: 3, Messages: >= 1 },
                $"a message that failed every retry should be parked in a quorum error queue on all three nodes: {parked?.ToString() ?? "no error queue"}");

            await sampling.CancelAsync();
            await sampler;
            var stall = LongestStall(progress, killedAt, allAppliedAt);
            output.WriteLine($"killed node {victim} at {killedAt.TotalSeconds:F1} s; all {all} applied {(allAppliedAt - killedAt).TotalSeconds:F1} s later; " +
                $"longest time without progress while events were outstanding: {stall.TotalSeconds:F1} s; queue after the kill: {survived}; " +
                $"after the rejoin: {rejoined}; bus restarts by the watchdog: {log.Lines().Count(l => l.Contains("Bus restarted"))}");
        }
        finally
        {
            await Commands.RunAsync("deploy/rabbitmq/cluster.sh", "down", dir);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>1, 2 or 3 from a node name of cluster.sh ("mpc0acf33c9-2@localhost").</summary>
    private static int NodeNumber(string? node) =>
        node is not null && node.Split('@')[0] is var local && int.TryParse(local[(local.LastIndexOf('-') + 1)..], out var n) ? n
            : throw new InvalidOperationException($"not a node of the cluster: '{node}'");

    private static async Task ClusterAsync(params string[] args)
    {
        var (code, text) = await Commands.RunAsync("deploy/rabbitmq/cluster.sh", args);
        if (code != 0) throw new InvalidOperationException($"cluster.sh {string.Join(' ', args)} failed ({code}): {text}");
    }

    private sealed record QueueState(string Name, string Type, string? Leader, string[] Members, string[] Online, long Messages)
    {
        public override string ToString() =>
            $"{Name} ({Type}) leader {Leader ?? "none"}, members [{string.Join(", ", Members)}], online [{string.Join(", ", Online)}], {Messages} ready";
    }

    private static async Task<QueueState> ConsumerQueueAsync(string dir) =>
        await QueueAsync(dir, "inboxed-counter") ?? throw new InvalidOperationException("the consumer's queue does not exist");

    private static async Task<QueueState?> QueueAsync(string dir, string suffix)
    {
        var (code, text) = await Commands.RunAsync("deploy/rabbitmq/cluster.sh", "queues", dir);
        if (code != 0) throw new InvalidOperationException($"cluster.sh queues failed ({code}): {text}");
        var queues = JsonDocument.Parse(text[text.IndexOf('[')..]).RootElement.EnumerateArray().ToList();
        var q = queues.FirstOrDefault(e => e.GetProperty("name").GetString()!.EndsWith(suffix, StringComparison.Ordinal));
        if (q.ValueKind != JsonValueKind.Object) return null;
        static string[] Names(JsonElement e) => e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray().Select(x => x.GetString()!)] : [];
        return new QueueState(q.GetProperty("name").GetString()!, q.GetProperty("type").GetString()!,
            q.TryGetProperty("leader", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null,
            Names(q.GetProperty("members")), Names(q.GetProperty("online")),
            q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : -1);
    }

    /// <summary>The service as the platform runs it: outbox dispatcher loop and inboxed consumer, connected to the three nodes.</summary>
    private static async Task<IHost> StartServiceAsync(string connectionString, int[] amqp, HostLog log)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(log); // what the service said, for a failure's message
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Test"] = connectionString,
            ["RabbitMq:Host"] = "127.0.0.1",
            ["RabbitMq:Port"] = amqp[0].ToString(),
            ["RabbitMq:Nodes"] = string.Join(',', amqp.Select(p => $"127.0.0.1:{p}")),
            ["RabbitMq:VirtualHost"] = "/",
            ["RabbitMq:Username"] = "guest",
            ["RabbitMq:Password"] = "guest",
            ["RabbitMq:RetryIntervalsMs"] = "20,20",
        });
        builder.AddServiceDatabase<TestDbContext>("Test");
        builder.AddMessaging<TestDbContext>("cl", x => x.AddConsumer<InboxedCounter>());
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        await host.StartAsync();
        return host;
    }

    /// <summary>Events written one transaction each, about 60 a second: the kind of load under which the node dies.</summary>
    private static async Task WriteAsync(IHost host, string run, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await WithDbAsync(host, async db =>
            {
                db.AddOutboxMessage(MessagingHarness.Event($"{run}-{i:D4}"));
                return await db.SaveChangesAsync();
            });
            await Task.Delay(15);
        }
    }

    private static Task<int> AppliedAsync(IHost host, string run) =>
        WithDbAsync(host, db => db.Applied.AsNoTracking().CountAsync(a => a.Key.StartsWith(run)));

    private static async Task<T> WithDbAsync<T>(IHost host, Func<TestDbContext, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    private static TimeSpan LongestStall(List<(TimeSpan At, int Applied)> samples, TimeSpan from, TimeSpan to)
    {
        var longest = TimeSpan.Zero;
        (TimeSpan At, int Applied)? lastChange = null;
        foreach (var s in samples.Where(s => s.At >= from && s.At <= to))
        {
            if (lastChange is null || s.Applied != lastChange.Value.Applied) lastChange = s;
            else if (s.At - lastChange.Value.At > longest) longest = s.At - lastChange.Value.At;
        }
        return longest;
    }
}

/// <summary>The failover drill runs alone, after the parallel tests: its timing is what it measures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerClusterCollection
{
    public const string Name = "broker cluster";
}

/// <summary>The host's log lines (warnings and up), the newest kept, for a failure's message.</summary>
internal sealed class HostLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public string Tail(int n) => string.Join("\n", _lines.TakeLast(n));

    public IReadOnlyList<string> Lines() => [.. _lines];

    public void Dispose() { }

    private sealed class Logger(HostLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}" +
                (exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]"));
            while (owner._lines.Count > 500) owner._lines.TryDequeue(out _);
        }
    }
}
