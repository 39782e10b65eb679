// The "same work" raw side (issue 26, item 3): what the platform does for one registration — its own transactions,
// captured from PostgreSQL's statement log by bench/same_work.py — replayed by a bare Npgsql + RabbitMQ client, so
// that platform ÷ this measures the framework (HTTP, the gateway, JSON, EF Core, MassTransit, the services' code), not
// the design (how many transactions, rows, locks and messages a registration needs).
//
// Per request: the case service's units before its answer ("sync": the region look-up, the number transaction, the
// registration transaction), each in one round trip (an NpgsqlBatch: BEGIN … COMMIT) — the latency measured. Then, off
// the measured path as the outbox dispatcher is: for each outbox row written, the dispatcher's unit of that database and
// a persistent publish with publisher confirms to a fanout exchange per message type; one queue per consumer (prefetch
// 32, 8 at a time, as the platform's endpoints) whose handler runs the consumer's captured unit (one at a time for the consumers named by --one-at-a-time, as
// the platform's automatic assignment), and in turn dispatches
// and publishes what that unit wrote. The new rows' ids (UUIDs), the case number and the advisory-lock keys are replaced
// per request, and so are the parties' search hashes (the duplicate check looks them up, and in the platform every
// request has other parties); everything else — reference rows (region, mediators, the actor), the counter rows, the values — is the
// captured statement's, so locks and contention are the platform's.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

internal sealed record SameUnit(string Db, string Phase, string Role, string? Consumer, string? Trigger, string[] Statements, SameMessage[] Produces);

internal sealed record SameMessage(string Id, string Type, int PayloadBytes);

internal sealed record SameCapture(string CaseId, string Number, string[] NewUuids, string[] NewHashes, string[] AdvisoryKeys, SameUnit[] Units, string[] Problems);

internal sealed class SameWorkload : IWorkload, IAsyncDisposable
{
    private const ushort Prefetch = 32, ConsumersAtOnce = 8;
    private readonly SameCapture _capture;
    private readonly Dictionary<string, NpgsqlDataSource> _sources = [];
    private readonly SameUnit[] _sync;
    private readonly Dictionary<string, SameUnit> _dispatchers;
    private readonly IConnection _rabbit;
    private readonly IChannel _publisher;
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private readonly List<IChannel> _consumerChannels = [];
    private long _pending, _asyncUnits, _asyncErrors, _published;
    private string? _firstAsyncError;

    private readonly HashSet<string> _oneAtATime;
    private readonly Dictionary<string, int> _queuesPerType = [];
    private readonly string _numberPrefix;
    private readonly (string Captured, long Key)[] _advisoryKeys;

    private SameWorkload(SameCapture capture, Options o, IConnection rabbit, IChannel publisher)
    {
        _capture = capture;
        _oneAtATime = [.. (o.OneAtATime ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];
        _numberPrefix = capture.Number[..(capture.Number.LastIndexOf('-') + 1)] + "S";
        _advisoryKeys = [.. capture.AdvisoryKeys.Select(k => (k, long.Parse(k, CultureInfo.InvariantCulture)))];
        _rabbit = rabbit;
        _publisher = publisher;
        _sync = capture.Units.Where(u => u.Phase == "sync").ToArray();
        _dispatchers = capture.Units.Where(u => u.Role == "dispatcher").GroupBy(u => u.Db).ToDictionary(g => g.Key, g => g.First());
        foreach (var db in capture.Units.Select(u => u.Db).Distinct())
        {
            var builder = new NpgsqlConnectionStringBuilder((o.Connection ?? throw new ArgumentException("--conn is required")).Replace("{db}", db))
            {
                MaxPoolSize = Math.Max(o.Concurrency, 10) + ConsumersAtOnce * 2,
            };
            _sources[db] = NpgsqlDataSource.Create(builder.ConnectionString);
        }
    }

    public static async Task<SameWorkload> CreateAsync(Options o)
    {
        var path = o.Capture ?? throw new ArgumentException("--capture is required (bench/same_work.py's output)");
        var capture = JsonSerializer.Deserialize<SameCapture>(await File.ReadAllTextAsync(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new ArgumentException($"{path} is empty");
        if (capture.Problems.Length > 0) throw new ArgumentException($"{path}: {string.Join("; ", capture.Problems)}");
        var uri = new Uri(o.Rabbit ?? throw new ArgumentException("--rabbit amqp://user:password@host:port/vhost is required"));
        var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = "loadgen-same" };
        var connection = await factory.CreateConnectionAsync();
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var workload = new SameWorkload(capture, o, connection, publisher);
        await workload.DeclareAndConsumeAsync();
        return workload;
    }

    private async Task DeclareAndConsumeAsync()
    {
        var messages = _capture.Units.SelectMany(u => u.Produces).ToDictionary(m => m.Id);
        foreach (var type in messages.Values.Select(m => m.Type).Distinct())
            await _publisher.ExchangeDeclareAsync(Exchange(type), ExchangeType.Fanout, durable: true, autoDelete: false);
        foreach (var group in _capture.Units.Where(u => u.Role == "consumer").GroupBy(u => u.Consumer!))
        {
            var queue = "same." + group.Key;
            await _publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await _publisher.QueuePurgeAsync(queue);
            foreach (var unit in group)
            {
                var type = messages[unit.Trigger!].Type;
                await _publisher.QueueBindAsync(queue, Exchange(type), "");
                _queuesPerType[type] = _queuesPerType.GetValueOrDefault(type) + 1;
            }
            var units = group.ToDictionary(u => u.Trigger!);
            var atOnce = _oneAtATime.Contains(group.Key) ? (ushort)1 : ConsumersAtOnce;
            var channel = await _rabbit.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: atOnce));
            await channel.BasicQosAsync(0, Prefetch, false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                try
                {
                    var body = JsonSerializer.Deserialize<Envelope>(delivery.Body.Span)!;
                    if (units.TryGetValue(body.Original, out var unit)) await RunFollowOnAsync(unit, body.Index, body.Map);
                }
                catch (Exception ex) { NoteAsyncError(ex); }
                finally
                {
                    await channel.BasicAckAsync(delivery.DeliveryTag, false);
                    Interlocked.Decrement(ref _pending);
                }
            };
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
            _consumerChannels.Add(channel);
        }
    }

    private static string Exchange(string type) => "same." + type;

    public async Task<string?> SendAsync(long index, CancellationToken ct)
    {
        var map = _capture.NewUuids.ToDictionary(u => u, _ => Guid.CreateVersion7().ToString());
        foreach (var hash in _capture.NewHashes) map[hash] = "h1:" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        foreach (var unit in _sync) await RunAsync(unit, index, map, ct);
        // the outbox dispatcher's part: after the answer, not measured (the platform's dispatcher runs on its own loop)
        var produced = _sync.SelectMany(u => u.Produces).ToArray();
        if (produced.Length > 0) _ = Task.Run(() => DispatchAsync(_sync.First(u => u.Produces.Length > 0).Db, produced, index, map), CancellationToken.None);
        return null;
    }

    private async Task RunFollowOnAsync(SameUnit unit, long index, Dictionary<string, string> map)
    {
        await RunAsync(unit, index, map, CancellationToken.None);
        Interlocked.Increment(ref _asyncUnits);
        if (unit.Produces.Length > 0) await DispatchAsync(unit.Db, unit.Produces, index, map);
    }

    private async Task DispatchAsync(string db, SameMessage[] messages, long index, Dictionary<string, string> map)
    {
        try
        {
            if (_dispatchers.TryGetValue(db, out var dispatcher))
            {
                await RunAsync(dispatcher, index, map, CancellationToken.None);
                Interlocked.Increment(ref _asyncUnits);
            }
            foreach (var message in messages)
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(new Envelope(index, message.Id, map, new string('x', message.PayloadBytes)));
                Interlocked.Add(ref _pending, _queuesPerType[message.Type]);
                await _publishGate.WaitAsync();
                try
                {
                    await _publisher.BasicPublishAsync(Exchange(message.Type), "", false, new BasicProperties { Persistent = true, ContentType = "application/json" }, body);
                }
                finally { _publishGate.Release(); }
                Interlocked.Increment(ref _published);
            }
        }
        catch (Exception ex) { NoteAsyncError(ex); }
    }

    private async Task RunAsync(SameUnit unit, long index, Dictionary<string, string> map, CancellationToken ct)
    {
        await using var conn = await _sources[unit.Db].OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        foreach (var sql in unit.Statements) batch.BatchCommands.Add(new NpgsqlBatchCommand(Substitute(sql, index, map)));
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            do { while (await reader.ReadAsync(ct)) { } } while (await reader.NextResultAsync(ct));
        }
        catch
        {
            if (conn.State == System.Data.ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", conn);
                try { await rollback.ExecuteNonQueryAsync(CancellationToken.None); } catch (NpgsqlException) { }
            }
            throw;
        }
    }

    private string Substitute(string sql, long index, Dictionary<string, string> map)
    {
        var sb = new StringBuilder(sql);
        foreach (var (from, to) in map) sb.Replace(from, to);
        sb.Replace(_capture.Number, _numberPrefix + index);
        foreach (var (captured, key) in _advisoryKeys)
            sb.Replace(captured, (key ^ (index * unchecked((long)0x9E3779B97F4A7C15))).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private void NoteAsyncError(Exception ex)
    {
        Interlocked.Increment(ref _asyncErrors);
        Interlocked.CompareExchange(ref _firstAsyncError, ex.GetType().Name + ": " + ex.Message, null);
    }

    /// <summary>Waits until every follow-on message was consumed (or the timeout), so nothing is left in the queues.</summary>
    public async Task<string> DrainAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Interlocked.Read(ref _pending) > 0 && clock.Elapsed < timeout) await Task.Delay(50);
        return $"follow-on: {_asyncUnits} units, {_published} publishes, {_asyncErrors} errors, drained in {clock.Elapsed.TotalSeconds:F1} s" +
               (Interlocked.Read(ref _pending) > 0 ? $", {_pending} still pending" : "") + (_firstAsyncError is { } e ? $"; first error: {e}" : "");
    }

    public long AsyncErrors => Interlocked.Read(ref _asyncErrors);

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _consumerChannels) await channel.CloseAsync();
        await _publisher.CloseAsync();
        await _rabbit.CloseAsync();
        foreach (var source in _sources.Values) await source.DisposeAsync();
    }

    private sealed record Envelope(long Index, string Original, Dictionary<string, string> Map, string Payload);
}
