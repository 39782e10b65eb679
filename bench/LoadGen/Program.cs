// A small load generator for the benchmark (bench/run.sh). Two targets, the same load shapes and the same latency
// recording, so their figures can be set side by side:
//   http — POST /api/cases (a dispute registration) through the gateway or directly against the case service;
//   raw  — the same rows a registration writes (number counter, case, two parties, timeline entry, outbox row) in one
//          transaction per request, straight through Npgsql: the machine's raw PostgreSQL limit for this work;
//   same — the platform's own statements and messages for one registration, captured from PostgreSQL's log and
//          replayed by a bare Npgsql + RabbitMQ client (SameWorkload.cs): the raw limit for the same work.
// Two load shapes:
//   closed — N workers, each sends the next request when the previous one answered (finds the saturation rate);
//   open   — requests start on a fixed schedule (rate R) whether or not earlier ones answered, and latency is measured
//            from the scheduled start, so a stall is charged to every request it delayed (no coordinated omission).
// Request bodies come from a seeded generator: request i has the same content in every run.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HdrHistogram;
using Npgsql;

if (args.Length > 0 && args[0] == "time") return await Timing.RunAsync(args);
var options = Options.Parse(args);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

IWorkload workload = options.Target switch
{
    "http" => await HttpWorkload.CreateAsync(options),
    "raw" => new RawWorkload(options),
    "same" => await SameWorkload.CreateAsync(options),
    _ => throw new ArgumentException("target must be http, raw or same"),
};

if (options.Warmup > 0)
    await Runner.RunAsync(workload, options with { Duration = options.Warmup }, recordFrom: int.MaxValue, cts.Token);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var result = await Runner.RunAsync(workload, options, recordFrom: 0, cts.Token);
if (workload is SameWorkload same)
{
    // the follow-on work of the last requests still runs: wait for it, so that none is left queued for the next phase
    Console.WriteLine($"{options.Name}: {await same.DrainAsync(TimeSpan.FromMinutes(5))}");
    result = result with { FollowOnErrors = same.AsyncErrors };
    await same.DisposeAsync();
}
// this process's CPU per request over the measured run (for the same-work replay: the bare client's whole share)
var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
result = result with { ClientCpuMsPerRequest = result.Requests > 0 ? Math.Round(cpuMs / result.Requests, 2) : 0 };
var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
if (options.Out is { } path) await File.WriteAllTextAsync(path, json);
Console.WriteLine($"{options.Name}: {result.Requests} ok, {result.Errors} errors, {result.Rps:F1}/s, " +
                  $"p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, max {result.MaxMs:F1} ms");
if (result.Errors > 0 && result.FirstError is { } first) Console.WriteLine($"  first error: {first}");
return result.Requests > 0 ? 0 : 1;

/// <summary>
/// <c>loadgen time --name N --repeat 10 (--get URL --token-url URL --user U --password P | --conn C --sql "...")</c>:
/// runs one read N times (after one untimed warm-up run) and prints the median and the slowest. The SQL form reads
/// every row and every column of the result to the client, as a report that re-reads every case would.
/// </summary>
internal static class Timing
{
    public static async Task<int> RunAsync(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2) map[args[i][2..]] = args[i + 1];
        var repeat = int.Parse(map.GetValueOrDefault("repeat", "10"));
        Func<Task<long>> once;
        if (map.TryGetValue("get", out var url))
        {
            using var tokenClient = new HttpClient();
            ProxyHeaders.Add(tokenClient);
            var response = await tokenClient.PostAsync(map["token-url"], new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = map.GetValueOrDefault("user", "admin"),
                ["password"] = map.GetValueOrDefault("password", Environment.GetEnvironmentVariable("MP_SECRET_ADMIN_PASSWORD") ?? ""),
            }));
            response.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            ProxyHeaders.Add(client);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", doc.RootElement.GetProperty("access_token").GetString());
            once = async () =>
            {
                var body = await client.GetStringAsync(url);
                return body.Length;
            };
        }
        else
        {
            var source = NpgsqlDataSource.Create(map["conn"]);
            var sql = map["sql"];
            once = async () =>
            {
                await using var conn = await source.OpenConnectionAsync();
                await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
                await using var reader = await command.ExecuteReaderAsync();
                long rows = 0;
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync()) { reader.GetValues(values); rows++; }
                return rows;
            };
        }
        var size = await once();
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var sw = Stopwatch.StartNew();
            await once();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var result = new { name = map.GetValueOrDefault("name", "time"), repeat, size, medianMs = Math.Round(times[times.Count / 2], 2), maxMs = Math.Round(times[^1], 2), minMs = Math.Round(times[0], 2) };
        var json = JsonSerializer.Serialize(result);
        if (map.TryGetValue("out", out var path)) await File.WriteAllTextAsync(path, json);
        Console.WriteLine($"{result.name}: median {result.medianMs} ms, max {result.maxMs} ms over {repeat} runs (size {size})");
        return 0;
    }
}

internal sealed record Options(
    string Target, string Mode, int Concurrency, double Duration, double Rate, double Warmup, int Seed, string Name,
    string? Out, string? Url, string? TokenUrl, string User, string Password, string[] Regions, string? Connection,
    string Town, string District, int IndexOffset, string? Capture, string? Rabbit, string? OneAtATime)
{
    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected --name value pairs after the target, got '{args[i]}'");
            map[args[i][2..]] = args[++i];
        }
        string Get(string k, string d) => map.TryGetValue(k, out var v) ? v : d;
        return new Options(
            Target: args.Length > 0 ? args[0] : throw new ArgumentException("usage: loadgen http|raw|same --mode closed|open ..."),
            Mode: Get("mode", "closed"),
            Concurrency: int.Parse(Get("concurrency", "16")),
            Duration: double.Parse(Get("duration", "15"), System.Globalization.CultureInfo.InvariantCulture),
            Rate: double.Parse(Get("rate", "0"), System.Globalization.CultureInfo.InvariantCulture),
            Warmup: double.Parse(Get("warmup", "0"), System.Globalization.CultureInfo.InvariantCulture),
            Seed: int.Parse(Get("seed", "20261125")),
            Name: Get("name", args[0]),
            Out: map.GetValueOrDefault("out"),
            Url: map.GetValueOrDefault("url"),
            TokenUrl: map.GetValueOrDefault("token-url"),
            User: Get("user", "admin"),
            Password: Get("password", Environment.GetEnvironmentVariable("MP_SECRET_ADMIN_PASSWORD") ?? ""),
            Regions: Get("regions", "muer-v01").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Connection: map.GetValueOrDefault("conn"),
            Town: Get("town", "muer"),
            District: Get("district", "yubei"),
            IndexOffset: int.Parse(Get("index-offset", "0")),
            Capture: map.GetValueOrDefault("capture"),
            Rabbit: map.GetValueOrDefault("rabbit"),
            OneAtATime: map.GetValueOrDefault("one-at-a-time"));
    }
}

internal sealed record Result(
    string Name, string Target, string Mode, int Concurrency, double Rate, double DurationS, long Requests, long Errors,
    double Rps, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs, long Over1s, string? FirstError,
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, DateTimeOffset? SeriesOrigin = null, IReadOnlyList<SecondStat>? Series = null,
    long FollowOnErrors = 0, double ClientCpuMsPerRequest = 0);

/// <summary>
/// One second of an open-loop run, by the second its requests were scheduled in (issue 26): how many, how many failed,
/// latency p50/p99/max from the scheduled start, how many over 1 s, and the longest a request's send began after its
/// scheduled start (the load generator's own lag — a stall of this process, not of the platform).
/// </summary>
internal sealed record SecondStat(int T, long Requests, long Errors, double P50Ms, double P99Ms, double MaxMs, long Over1s, double MaxSendLagMs);

/// <summary>The requests scheduled in one second of an open-loop run.</summary>
internal sealed class SecondBucket
{
    public readonly LongHistogram Histogram = new(TimeStamp.Minutes(2), 2);
    public long Requests, Errors, Over1s, MaxLagTicks;
}

internal interface IWorkload
{
    /// <summary>Sends request number <paramref name="index"/>; returns null on success, else a short error.</summary>
    Task<string?> SendAsync(long index, CancellationToken ct);
}

internal static class Runner
{
    public static async Task<Result> RunAsync(IWorkload workload, Options o, int recordFrom, CancellationToken ct)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(2), 3);
        var gate = new object();
        long ok = 0, errors = 0, over1s = 0, next = o.IndexOffset + (recordFrom == int.MaxValue ? 50_000_000 : 0);
        string? firstError = null;
        var startedAt = DateTimeOffset.UtcNow;
        DateTimeOffset? seriesOrigin = null;
        SecondBucket[]? seconds = null;
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(o.Duration);

        void Record(long startTicks, string? error)
        {
            // never negative (an open-loop Task.Delay may wake a little before the scheduled start, which is where the
            // latency counts from) and never beyond what the histogram can hold (HdrHistogram throws there)
            var elapsed = Math.Clamp(Stopwatch.GetTimestamp() - startTicks, 0, histogram.HighestTrackableValue);
            lock (gate)
            {
                if (error is null)
                {
                    ok++;
                    histogram.RecordValue(elapsed);
                    if (elapsed > Stopwatch.Frequency) over1s++;
                }
                else { errors++; firstError ??= error; }
            }
        }

        if (o.Mode == "closed")
        {
            var workers = Enumerable.Range(0, o.Concurrency).Select(async _ =>
            {
                while (clock.Elapsed < deadline && !ct.IsCancellationRequested)
                {
                    var index = Interlocked.Increment(ref next);
                    var start = Stopwatch.GetTimestamp();
                    Record(start, await SafeSend(workload, index, ct));
                }
            }).ToArray();
            await Task.WhenAll(workers);
        }
        else if (o.Mode == "open")
        {
            if (o.Rate <= 0) throw new ArgumentException("--rate is required for --mode open");
            var inFlight = new List<Task>();
            var interval = Stopwatch.Frequency / o.Rate;
            var origin = Stopwatch.GetTimestamp();
            seriesOrigin = DateTimeOffset.UtcNow;
            seconds = new SecondBucket[(int)Math.Ceiling(o.Duration) + 1];
            for (var b = 0; b < seconds.Length; b++) seconds[b] = new SecondBucket();
            for (long i = 0; ; i++)
            {
                var intended = origin + (long)(i * interval);
                if (TimeSpan.FromTicks((long)((intended - origin) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency))) >= deadline
                    || ct.IsCancellationRequested) break;
                var wait = intended - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct);
                var index = Interlocked.Increment(ref next);
                // latency counts from the scheduled start, not from when the request got out
                var bucket = seconds[Math.Min(seconds.Length - 1, (int)((intended - origin) / Stopwatch.Frequency))];
                inFlight.Add(Task.Run(async () =>
                {
                    var lag = Stopwatch.GetTimestamp() - intended;
                    var error = await SafeSend(workload, index, ct);
                    Record(intended, error);
                    RecordSecond(bucket, intended, lag, error);
                }, ct));
                if (inFlight.Count > 4096) inFlight.RemoveAll(t => t.IsCompleted);
            }
            await Task.WhenAll(inFlight);
        }
        else throw new ArgumentException("--mode must be closed or open");

        var elapsed = clock.Elapsed.TotalSeconds;
        double Ms(double percentile) => histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        return new Result(o.Name, o.Target, o.Mode, o.Concurrency, o.Rate, Math.Round(elapsed, 2), ok, errors,
            Math.Round(ok / elapsed, 1), Math.Round(Ms(50), 2), Math.Round(Ms(90), 2), Math.Round(Ms(99), 2),
            Math.Round(Ms(99.9), 2), Math.Round(histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() * 1000.0 / Stopwatch.Frequency, 2),
            Math.Round(histogram.TotalCount == 0 ? 0 : histogram.GetMean() * 1000.0 / Stopwatch.Frequency, 2),
            over1s, firstError, startedAt, DateTimeOffset.UtcNow, seriesOrigin, seconds?.Select(Stat).Where(x => x.Requests > 0).ToList());
    }

    private static void RecordSecond(SecondBucket bucket, long intended, long lag, string? error)
    {
        var latency = Math.Clamp(Stopwatch.GetTimestamp() - intended, 0, bucket.Histogram.HighestTrackableValue);
        lock (bucket)
        {
            bucket.Requests++;
            if (error is not null) bucket.Errors++;
            else
            {
                bucket.Histogram.RecordValue(latency);
                if (latency > Stopwatch.Frequency) bucket.Over1s++;
            }
            bucket.MaxLagTicks = Math.Max(bucket.MaxLagTicks, lag);
        }
    }

    private static SecondStat Stat(SecondBucket b, int t)
    {
        static double Ms(double ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 2);
        var h = b.Histogram;
        return h.TotalCount == 0
            ? new SecondStat(t, b.Requests, b.Errors, 0, 0, 0, b.Over1s, Ms(b.MaxLagTicks))
            : new SecondStat(t, b.Requests, b.Errors, Ms(h.GetValueAtPercentile(50)), Ms(h.GetValueAtPercentile(99)), Ms(h.GetMaxValue()),
                b.Over1s, Ms(b.MaxLagTicks));
    }

    private static async Task<string?> SafeSend(IWorkload workload, long index, CancellationToken ct)
    {
        try { return await workload.SendAsync(index, ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return "cancelled"; }
        catch (Exception ex) { return ex.GetType().Name + ": " + ex.Message; }
    }
}

/// <summary>The content of registration number <c>index</c>: the same in every run with the same seed.</summary>
internal sealed record Dispute(
    string Title, string Description, string Category, int CategoryValue, string RegionCode, string RiskLevel, int RiskValue,
    decimal Amount, string ApplicantName, string ApplicantId, string ApplicantPhone, string RespondentName,
    string RespondentId, string RespondentPhone, string Address)
{
    private static readonly string[] Categories =
    [
        "marriage_family", "neighbourhood", "housing_homestead", "contract", "production_operation", "damages", "land_forest",
        "land_acquisition", "environment", "labour", "consumer", "medical", "traffic_accident", "property_management", "other",
    ];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];
    private static readonly string[] Given = ["明", "华", "芳", "强", "丽", "军", "敏", "静", "伟", "秀英"];

    public static Dispute For(int seed, long index, string[] regions)
    {
        var r = new Random(HashCode.Combine(seed, index));
        var category = r.Next(Categories.Length);
        string Name() => Surnames[r.Next(Surnames.Length)] + Given[r.Next(Given.Length)];
        string Digits(int n) { var sb = new StringBuilder(n); for (var i = 0; i < n; i++) sb.Append((char)('0' + r.Next(10))); return sb.ToString(); }
        var risk = r.Next(10) < 8 ? 0 : 1;
        return new Dispute(
            Title: $"基准测试纠纷 #{index}",
            Description: "双方因宅基地边界及排水沟走向发生争执，经村调解员初步了解，请求镇调委会组织调解。（基准测试样例数据）",
            Category: Categories[category], CategoryValue: category,
            RegionCode: regions[r.Next(regions.Length)],
            RiskLevel: risk == 0 ? "low" : "medium", RiskValue: risk,
            Amount: r.Next(0, 200_000),
            ApplicantName: Name(), ApplicantId: "5001" + Digits(14), ApplicantPhone: "13" + Digits(9),
            RespondentName: Name(), RespondentId: "5001" + Digits(14), RespondentPhone: "13" + Digits(9),
            Address: "木耳镇样例村" + r.Next(1, 12) + "组");
    }
}

internal sealed class HttpWorkload(HttpClient client, Options o) : IWorkload
{
    public static async Task<HttpWorkload> CreateAsync(Options o)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = o.Mode == "closed" ? o.Concurrency : 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(o.Url ?? throw new ArgumentException("--url is required")), Timeout = TimeSpan.FromSeconds(30) };
        using var tokenClient = new HttpClient();
        ProxyHeaders.Add(client);
        ProxyHeaders.Add(tokenClient);
        var response = await tokenClient.PostAsync(o.TokenUrl ?? throw new ArgumentException("--token-url is required"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = o.User, ["password"] = o.Password,
            }));
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", doc.RootElement.GetProperty("access_token").GetString());
        return new HttpWorkload(client, o);
    }

    public async Task<string?> SendAsync(long index, CancellationToken ct)
    {
        var d = Dispute.For(o.Seed, index, o.Regions);
        var body = JsonSerializer.Serialize(new
        {
            kind = "dispute", title = d.Title, description = d.Description, category = d.Category, regionCode = d.RegionCode,
            source = "application", channel = "walk_in", riskLevel = d.RiskLevel, amountInvolved = d.Amount,
            parties = new object[]
            {
                new { role = "applicant", kind = "person", name = d.ApplicantName, idNumber = d.ApplicantId, phone = d.ApplicantPhone, address = d.Address },
                new { role = "respondent", kind = "person", name = d.RespondentName, idNumber = d.RespondentId, phone = d.RespondentPhone, address = d.Address },
            },
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/cases", content, ct);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            await response.Content.CopyToAsync(Stream.Null, ct);
            return null;
        }
        var text = await response.Content.ReadAsStringAsync(ct);
        return $"{(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}";
    }
}

/// <summary>
/// The rows of one registration, written the leanest way PostgreSQL allows: one transaction, the number counter
/// upsert, then the case, parties, timeline entry and outbox row in one batch. No HTTP, no token, no EF Core.
/// </summary>
internal sealed class RawWorkload : IWorkload
{
    private readonly NpgsqlDataSource _source;
    private readonly Options _o;

    public RawWorkload(Options o)
    {
        _o = o;
        var builder = new NpgsqlConnectionStringBuilder(o.Connection ?? throw new ArgumentException("--conn is required"))
        {
            MaxPoolSize = Math.Max(o.Concurrency, 10),
        };
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task<string?> SendAsync(long index, CancellationToken ct)
    {
        var d = Dispute.For(_o.Seed, index, _o.Regions);
        var now = DateTimeOffset.UtcNow;
        var year = now.ToOffset(TimeSpan.FromHours(8)).Year;
        var prefix = _o.Town.ToUpperInvariant();
        var caseId = Guid.CreateVersion7();
        await using var conn = await _source.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int sequence;
        await using (var counter = new NpgsqlCommand("""
            INSERT INTO case_number_counters (prefix, year, kind, last_value) VALUES ($1, $2, 0, 1)
            ON CONFLICT (prefix, year, kind) DO UPDATE SET last_value = case_number_counters.last_value + 1
            RETURNING last_value
            """, conn, tx))
        {
            counter.Parameters.Add(new NpgsqlParameter { Value = prefix });
            counter.Parameters.Add(new NpgsqlParameter { Value = year });
            sequence = (int)(await counter.ExecuteScalarAsync(ct))!;
        }
        var number = $"{prefix}-{year}-D-{sequence:00000}";
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(Command("""
            INSERT INTO cases (id, number, kind, title, description, category, region_code, town_code, district_code, source,
              channel, risk_level, received_at, declared_party_count, party_count, amount_involved, status, mediation_due_at,
              due_at, due_kind, last_occurred_at, escalation_prevented, extension_days, follow_ups, registered_by,
              created_at, updated_at, version)
            VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, 0, 0, $9, $10, 2, 2, $11, 0, $12, $12, 'mediation', $10, false, 0, 0,
              'bench-raw', $10, $10, 1)
            """, caseId, number, d.Title, d.Description, d.CategoryValue, d.RegionCode, _o.Town, _o.District, d.RiskValue, now,
            d.Amount, now.AddDays(30)));
        foreach (var (role, name, id, phone) in new[] { (0, d.ApplicantName, d.ApplicantId, d.ApplicantPhone), (1, d.RespondentName, d.RespondentId, d.RespondentPhone) })
        {
            // stand-ins of the same length as the encrypted, hashed and masked values the service writes
            batch.BatchCommands.Add(Command("""
                INSERT INTO parties (id, case_id, role, kind, name, id_number_encrypted, id_number_hash, id_number_masked,
                  phone_encrypted, phone_masked, address)
                VALUES ($1, $2, $3, 0, $4, $5, $6, $7, $8, $9, $10)
                """, Guid.CreateVersion7(), caseId, role, name, Convert.ToBase64String(Encoding.UTF8.GetBytes(id + "-nonce-and-tag-xx")),
                Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id))), id[..4] + "**********" + id[^4..],
                Convert.ToBase64String(Encoding.UTF8.GetBytes(phone + "-nonce-and-tag-xx")), phone[..3] + "****" + phone[^4..], d.Address));
        }
        batch.BatchCommands.Add(Command("""
            INSERT INTO timeline (id, case_id, version, action, actor, occurred_at, recorded_at, details)
            VALUES ($1, $2, 1, 'registered', 'bench-raw', $3, $3, $4::jsonb)
            """, Guid.CreateVersion7(), caseId, now, JsonSerializer.Serialize(new { number, kind = "dispute", regionCode = d.RegionCode })));
        batch.BatchCommands.Add(Command("""
            INSERT INTO outbox_messages (id, message_type, payload, aggregate_id, created_at, attempts, next_attempt_at)
            VALUES ($1, 'CaseRegistered', $2::jsonb, $3, $4, 0, $4)
            """, Guid.CreateVersion7(), JsonSerializer.Serialize(new
        {
            caseId, version = 1, occurredAt = now, recordedAt = now, number, kind = "dispute", category = d.Category,
            petitionType = (string?)null, regionCode = d.RegionCode, townCode = _o.Town, districtCode = _o.District,
            source = "application", channel = "walk_in", riskLevel = d.RiskLevel, receivedAt = now, partyCount = 2,
            amountInvolved = d.Amount, registeredBy = "bench-raw", registeredByMediatorId = (Guid?)null,
        }), caseId, now));
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        return command;
    }
}

/// <summary>
/// The bench runs the gateway as behind a TLS-terminating proxy on 127.0.0.1 (Transport:Mode=proxy): requests say they
/// came in over HTTPS, as the proxy would (the token endpoint refuses plain HTTP otherwise).
/// </summary>
internal static class ProxyHeaders
{
    public static void Add(HttpClient client) => client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
}
