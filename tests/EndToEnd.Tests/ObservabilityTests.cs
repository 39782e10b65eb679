using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>Traces across the processes, /metrics on each process's own port, JSON logs, and the dead-letter overview (ADR 0016).</summary>
[Collection(PlatformCollection.Name)]
public sealed class ObservabilityTests(PlatformFixture platform)
{
    private static readonly string[] Processes = ["mediation-gateway", "mediation-cases", "mediation-mediators", "mediation-reporting"];

    [Fact]
    public async Task One_registration_makes_one_trace_through_the_gateway_the_case_service_the_outbox_RabbitMQ_and_both_consumers()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(DemoTown.Dispute(town.Village, "追踪一次登记")) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await mediator.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        IReadOnlyList<string> seen = [];
        var all = await Eventually.TrueAsync(() =>
        {
            seen = platform.Otlp.ServicesWithSpansOf(traceId, Processes);
            return Task.FromResult(seen.Count == Processes.Length);
        }, TimeSpan.FromSeconds(20), 200);
        Assert.True(all, $"spans of trace {traceId} came from {string.Join(", ", seen)} only");
        // another request's trace is another trace
        Assert.Empty(platform.Otlp.ServicesWithSpansOf(ActivityTraceId.CreateRandom(), Processes));
    }

    [Fact]
    public async Task Every_process_serves_Prometheus_metrics_on_its_own_port()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        await DemoTown.Created(mediator.PostAsJsonAsync("/api/cases", DemoTown.Dispute(town.Village, "指标")));
        using var http = platform.Client(platform.Gateway);
        var expected = new Dictionary<Uri, string[]>
        {
            [platform.Gateway] = ["http_server_request_duration_seconds", "process_runtime_dotnet_gc", "dotnet_gc"],
            [platform.Cases] = ["http_server_request_duration_seconds", "mediation_outbox_backlog", "mediation_overdue"],
            [platform.Mediators] = ["mediation_consumer_lag_milliseconds", "mediation_outbox_oldest_age_seconds"],
            [platform.Reporting] = ["mediation_consumer_lag_milliseconds"],
        };
        foreach (var (process, names) in expected)
        {
            var text = "";
            var ok = await Eventually.TrueAsync(async () =>
            {
                var r = await http.GetAsync(new Uri(process, "/metrics"));
                text = await r.Content.ReadAsStringAsync();
                return r.StatusCode == HttpStatusCode.OK && names.Count(n => text.Contains(n, StringComparison.Ordinal)) >= Math.Min(names.Length, 2);
            }, TimeSpan.FromSeconds(30), 500);
            Assert.True(ok, $"{process}/metrics lacks {string.Join(", ", names)}:\n{text[..Math.Min(text.Length, 2000)]}");
        }
        // the gateway does not route /metrics of the services, and serves its own only to local and private networks
        Assert.DoesNotContain("mediation_outbox_backlog", await http.GetStringAsync(new Uri(platform.Gateway, "/metrics")));
    }

    [Fact]
    public async Task The_logs_are_JSON_lines_with_the_trace_ids_of_their_request()
    {
        var town = await DemoTown.GetAsync(platform);
        using var admin = platform.Client(platform.Gateway, town.AdminToken);
        // a request that logs a warning (a requeue is logged) under a known trace
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/dead-letters/cases-referral-accepted/requeue?max=1");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(request)).StatusCode);
        var log = Path.Combine(platform.LogDirectory, "MediationPlatform.Cases.log");
        JsonElement line = default;
        var found = await Eventually.TrueAsync(async () =>
        {
            foreach (var text in await ReadLinesAsync(log))
            {
                if (!text.Contains(traceId.ToString(), StringComparison.Ordinal)) continue;
                line = JsonDocument.Parse(text).RootElement.Clone();
                return true;
            }
            return false;
        }, TimeSpan.FromSeconds(10), 200);
        Assert.True(found, $"no log line of trace {traceId} in {log}");
        Assert.Equal("Warning", line.GetProperty("LogLevel").GetString());
        Assert.Contains("requeued", line.GetProperty("Message").GetString());
        Assert.Contains(line.GetProperty("Scopes").EnumerateArray(), s => s.TryGetProperty("TraceId", out var t) && t.GetString() == traceId.ToString());
        // every line of every process's log is JSON
        foreach (var file in Directory.GetFiles(platform.LogDirectory, "*.log"))
            foreach (var text in (await ReadLinesAsync(file)).Where(l => l.Length > 0))
                JsonDocument.Parse(text).Dispose();
    }

    private static async Task<string[]> ReadLinesAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n');
    }

    [Fact]
    public async Task The_gateway_lists_the_dead_letters_of_all_services_to_admins_only()
    {
        var town = await DemoTown.GetAsync(platform);
        using var admin = platform.Client(platform.Gateway, town.AdminToken);
        var overview = await admin.GetFromJsonAsync<JsonElement>("/api/admin/dead-letters");
        Assert.Equal(0, overview.GetProperty("unavailable").GetArrayLength());
        var queues = overview.GetProperty("queues").EnumerateArray().ToList();
        foreach (var service in new[] { "cases", "mediators", "reporting" })
            Assert.Contains(queues, q => q.GetProperty("service").GetString() == service && q.GetProperty("queue").GetString()!.StartsWith(service + "-"));
        Assert.All(queues, q => Assert.EndsWith("_error", q.GetProperty("errorQueue").GetString()));
        // a queue's own routes reach the owning service
        var reportingQueue = queues.First(q => q.GetProperty("service").GetString() == "reporting").GetProperty("queue").GetString();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/admin/dead-letters/{reportingQueue}?max=5")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/dead-letters/cases-no-such-queue")).StatusCode);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/api/admin/dead-letters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.PostAsync($"/api/admin/dead-letters/{reportingQueue}/requeue", null)).StatusCode);
    }
}
