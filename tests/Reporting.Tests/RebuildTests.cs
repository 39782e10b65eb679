using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// The case service's event log at a true system edge: a tiny real HTTP listener serving <c>/api/event-log</c> pages
/// (in the same shape as BuildingBlocks' EventLogEndpoints) from an in-memory list, and only to the forwarded token.
/// </summary>
public sealed class FakeEventLog : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<EventLogEntry> _entries = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public string BaseUrl { get; }
    public string AcceptedToken { get; } = TestTokens.Shared.Mint(Roles.Admin);
    public int Requests;

    /// <summary>The <c>types</c> parameter of the last page asked for (null: none).</summary>
    public volatile string? TypesAsked;

    /// <summary>While set, the log answers nothing until it completes (a rebuild that stays running).</summary>
    public volatile TaskCompletionSource? Hold;

    public FakeEventLog()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public void Append(Guid messageId, object message)
    {
        lock (_entries)
            _entries.Add(new EventLogEntry(_entries.Count + 1, messageId, EventSerializer.NameOf(message.GetType()), null, DateTimeOffset.UtcNow,
                JsonSerializer.SerializeToElement(message, message.GetType(), EventSerializer.Options)));
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            Interlocked.Increment(ref Requests);
            if (Hold is { } hold) await hold.Task;
            var response = ctx.Response;
            if (ctx.Request.Headers["Authorization"] != $"Bearer {AcceptedToken}" || ctx.Request.Url!.AbsolutePath != "/api/event-log")
            {
                response.StatusCode = ctx.Request.Url!.AbsolutePath != "/api/event-log" ? 404 : 401;
                response.Close();
                continue;
            }
            var after = long.Parse(ctx.Request.QueryString["after"] ?? "0");
            var limit = int.Parse(ctx.Request.QueryString["limit"] ?? "1000");
            TypesAsked = ctx.Request.QueryString["types"];
            var only = TypesAsked?.Split(',').ToHashSet();
            List<EventLogEntry> items;
            lock (_entries) items = _entries.Where(e => e.Position > after && (only is null || only.Contains(e.Type))).Take(limit).ToList();
            var page = new EventLogPage(items, items.Count > 0 ? items[^1].Position : after, items.Count == limit);
            response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(response.OutputStream, page, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (ObjectDisposedException) { } catch (HttpListenerException) { }
        _listener.Close();
    }
}

public class RebuildFixture : ReportingFixture
{
    public FakeEventLog Log { get; } = new();

    protected virtual int PageSize => 7; // several pages

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Rebuild:Sources:0:Name"] = "cases",
        ["Rebuild:Sources:0:BaseUrl"] = Log.BaseUrl,
        ["Rebuild:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Log.DisposeAsync();
    }
}

public sealed class RebuildTests(RebuildFixture fixture) : IClassFixture<RebuildFixture>
{
    private const int Year = 2009;
    private readonly ReportingFactory _f = fixture.Factory;
    private readonly FakeEventLog _log = fixture.Log;

    /// <summary>A dispute's events (registered, and optionally mediating + resolved/unresolved), a referral and risk items.</summary>
    private static List<object> CaseEvents(int i, string village)
    {
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(Year, 1 + i % 12, 1 + i % 27, 10, 0, 0, TimeSpan.FromHours(8));
        var id = Guid.NewGuid();
        var list = new List<object>
        {
            new CaseRegistered(id, 1, at, now, $"N{i}", CaseKind.Dispute, (DisputeCategory)(i % 5), null, village, "muer", "yubei",
                CaseSource.Application, CaseChannel.Phone, RiskLevel.Low, at, 2 + i % 3, 1000m * i, "u", null),
        };
        if (i % 4 != 3)
        {
            list.Add(new MediationStarted(id, 2, at.AddDays(1), now));
            list.Add(i % 4 == 2
                ? new CaseUnresolved(id, 3, at.AddDays(5), now, AdvisedRoute.Litigation)
                : new CaseResolved(id, 3, at.AddDays(5), now, i % 2 == 0 ? AgreementType.Written : AgreementType.Oral, null, i % 3 == 0, now));
        }
        if (i % 5 == 0)
            list.Add(new CaseReferred(id, 4, at.AddDays(6), now, Guid.NewGuid(), i % 10 == 0 ? Agency.Police : Agency.Court, "r", false, $"N{i}", "t",
                CaseKind.Dispute, (DisputeCategory)(i % 5), village, "muer", "yubei"));
        if (i % 6 == 0)
        {
            var item = Guid.NewGuid();
            list.Add(new RiskItemOpened(Guid.NewGuid(), item, Year, RiskLevel.Medium, id, village, "muer", "yubei", "s", at.AddDays(2), now));
            if (i % 12 == 0) list.Add(new RiskItemClosed(Guid.NewGuid(), item, village, "muer", "yubei", "s", at.AddDays(9), now));
        }
        return list;
    }

    private async Task<JsonElement> FiguresAsync()
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        return (await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode=muer")).GetProperty("figures");
    }

    /// <summary>Publishes live (optionally) and appends to the log, with one message id for both.</summary>
    private async Task EmitAsync(IEnumerable<object> events, bool live = true, bool log = true)
    {
        foreach (var e in events)
        {
            var id = Guid.CreateVersion7();
            if (log) _log.Append(id, e);
            if (live) await _f.PublishAsync(e, id);
        }
    }

    private async Task<JsonElement> RebuildAsync(Func<Task>? during = null)
    {
        using var admin = _f.ClientWithToken(_log.AcceptedToken);
        var started = await admin.PostAsync("/api/reports/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        if (during is not null) await during();
        var status = await Eventually.ValueAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/reports/rebuild"),
            s => s.GetProperty("status").GetString() is "done" or "failed", TimeSpan.FromSeconds(60), 100);
        Assert.True(status.GetProperty("status").GetString() is "done" or "failed", $"the rebuild should end within 60 s; its status is {status}");
        Assert.True(status.GetProperty("status").GetString() == "done", status.ToString());
        Assert.True(status.GetProperty("finishedAt").GetDateTimeOffset() >= status.GetProperty("startedAt").GetDateTimeOffset());
        return status;
    }

    private async Task<JsonElement> SettledFiguresAsync(Func<JsonElement, bool> done)
    {
        var figures = await Eventually.ValueAsync(() => FiguresAsync(), done, TimeSpan.FromSeconds(30), 200);
        Assert.True(done(figures), $"figures did not settle within 30 s: {figures}");
        await Task.Delay(500); // stragglers would change them now
        return await FiguresAsync();
    }

    private static int At(JsonElement f, string path)
    {
        foreach (var part in path.Split('.')) f = f.GetProperty(part);
        return f.GetInt32();
    }

    [Fact]
    public async Task Rebuild_gives_the_same_figures_counts_events_arriving_meanwhile_and_applies_nothing_twice()
    {
        // 1. 24 cases delivered live and kept in the log
        var first = Enumerable.Range(0, 24).SelectMany(i => CaseEvents(i, i % 2 == 0 ? "muer-v01" : "muer-v02")).ToList();
        await EmitAsync(first);
        var before = await SettledFiguresAsync(f => At(f, "disputes.registered") == 24 && At(f, "disputes.resolved") == 12
            && At(f, "disputes.unresolved") == 6 && At(f, "riskItems.opened") == 4 && At(f, "riskItems.closed") == 2
            && At(f, "referrals.police.made") == 3 && At(f, "referrals.court.made") == 2);

        // 2. rebuild from the log: identical figures, and the case facts really were rebuilt (not left in place)
        var facts = await _f.WithDbAsync(db => db.CaseFacts.CountAsync());
        var status = await RebuildAsync();
        Assert.Equal(first.Count, status.GetProperty("eventsRead").GetInt64());
        Assert.Equal(first.Count, status.GetProperty("eventsApplied").GetInt64()); // nothing was left in the inbox
        Assert.True(_log.Requests >= first.Count / 7);
        Assert.Equal(before.GetRawText(), (await FiguresAsync()).GetRawText());
        Assert.Equal(facts, await _f.WithDbAsync(db => db.CaseFacts.CountAsync()));

        // 3. events published while the rebuild runs (in the log too, as the outbox makes them) are all counted once
        var second = Enumerable.Range(24, 12).Select(i => CaseEvents(i, "muer-v02")).ToList();
        var during = RebuildAsync(async () =>
        {
            foreach (var events in second) await EmitAsync(events); // live and logged, racing the replay
        });
        await during;
        var after = await SettledFiguresAsync(f => At(f, "disputes.registered") == 36);
        Assert.Equal(36, At(after, "disputes.registered"));
        Assert.Equal(18, At(after, "disputes.resolved"));
        Assert.Equal(9, At(after, "disputes.unresolved"));
        Assert.Equal(6, At(after, "riskItems.opened"));
        Assert.Equal(3, At(after, "riskItems.closed"));
        Assert.Equal(4, At(after, "referrals.police.made"));
        Assert.Equal(4, At(after, "referrals.court.made")); // 25 and 35 added to 5 and 15
        Assert.Equal(9, At(after, "disputes.inProgress"));

        // 4. a rebuild while every event is delivered live a second time (same message ids): still the same figures
        await RebuildAsync(async () =>
        {
            List<EventLogEntry> all;
            using var admin = new HttpClient { BaseAddress = new Uri(_log.BaseUrl) };
            admin.DefaultRequestHeaders.Authorization = new("Bearer", _log.AcceptedToken);
            all = (await admin.GetFromJsonAsync<EventLogPage>("api/event-log?after=0&limit=100000"))!.Items.ToList();
            foreach (var e in all)
                await _f.PublishAsync(EventSerializer.Deserialize(e.Type, e.Payload.GetRawText()), e.Id);
        });
        await Task.Delay(1000);
        Assert.Equal(after.GetRawText(), (await FiguresAsync()).GetRawText());
    }

    [Fact]
    public async Task Only_admins_start_or_read_a_rebuild_and_a_token_the_source_refuses_fails_it()
    {
        using var statistician = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        Assert.Equal(HttpStatusCode.Forbidden, (await statistician.PostAsync("/api/reports/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await statistician.GetAsync("/api/reports/rebuild")).StatusCode);
        using var anonymous = _f.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/reports/rebuild", null)).StatusCode);
        // a token the event log does not accept: the rebuild fails and says why (the projections stay cleared; rerun)
        using var otherAdmin = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Admin));
        Assert.Equal(HttpStatusCode.Accepted, (await otherAdmin.PostAsync("/api/reports/rebuild", null)).StatusCode);
        var status = await Eventually.ValueAsync(() => otherAdmin.GetFromJsonAsync<JsonElement>("/api/reports/rebuild"),
            s => s.GetProperty("status").GetString() != "running", TimeSpan.FromSeconds(30));
        Assert.True(status.GetProperty("status").GetString() != "running", $"the refused rebuild should end within 30 s; its status is {status}");
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("401", status.GetProperty("error").GetString());

        // the projections were emptied and not refilled: no figures until a rebuild completes (never a year of zeros)
        var refused = await statistician.GetAsync($"/api/reports/summary?year={Year}&regionCode=muer");
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable && problem.Contains("failed") && refused.Headers.RetryAfter is not null,
            $"after a failed rebuild the figures should answer 503 naming it, with Retry-After; got {(int)refused.StatusCode} {problem}");
        await RebuildAsync();
        Assert.Equal(HttpStatusCode.OK, (await statistician.GetAsync($"/api/reports/summary?year={Year}&regionCode=muer")).StatusCode);
    }

    [Fact]
    public async Task While_a_rebuild_runs_every_figure_answers_503_with_Retry_After_never_partial_counts()
    {
        await RebuildAsync(); // complete projections to begin with
        using var statistician = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        var summary = $"/api/reports/summary?year={Year}&regionCode=muer";
        Assert.Equal(HttpStatusCode.OK, (await statistician.GetAsync(summary)).StatusCode);

        _log.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // the rebuild stays running
        try
        {
            using var admin = _f.ClientWithToken(_log.AcceptedToken);
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/reports/rebuild", null)).StatusCode);
            var during = await Eventually.ValueAsync(async () => (await statistician.GetAsync(summary)).StatusCode,
                code => code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), 50);
            Assert.True(during == HttpStatusCode.ServiceUnavailable, $"while the rebuild runs the summary should answer 503; it answered {during}");
            foreach (var (method, url) in new[] { ("GET", summary), ("GET", "/api/reports/statistics?regionCode=muer&from=2009-01-01&to=2010-01-01"),
                         ("POST", $"/api/reports/annual/{Year}?regionCode=muer") })
            {
                var answer = await statistician.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
                var body = await answer.Content.ReadAsStringAsync();
                Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable && answer.Headers.RetryAfter is not null && body.Contains("being rebuilt"),
                    $"{method} {url} during a rebuild: expected 503 with Retry-After saying it is being rebuilt; got {(int)answer.StatusCode} {body}");
            }
            var snapshots = await _f.WithDbAsync(db => db.AnnualSnapshots.CountAsync(a => a.Year == Year));
            Assert.True(snapshots == 0, $"no annual snapshot may be made from half-built projections; {snapshots} were");
        }
        finally
        {
            _log.Hold.SetResult();
            _log.Hold = null;
        }
        using var admin2 = _f.ClientWithToken(_log.AcceptedToken);
        var status = await Eventually.ValueAsync(() => admin2.GetFromJsonAsync<JsonElement>("/api/reports/rebuild"),
            s => s.GetProperty("status").GetString() != "running", TimeSpan.FromSeconds(60), 100);
        Assert.True(status.GetProperty("status").GetString() == "done", $"the held rebuild should complete once the log answers: {status}");
        Assert.Equal(HttpStatusCode.OK, (await statistician.GetAsync(summary)).StatusCode);
    }
}

/// <summary>A larger log replayed on its own (nothing delivered live): every event applied once; prints the rate.</summary>
public sealed class LargePageRebuildFixture : RebuildFixture
{
    protected override int PageSize => 1000;
}

public sealed class RebuildVolumeTests(LargePageRebuildFixture fixture) : IClassFixture<LargePageRebuildFixture>
{
    [Fact]
    public async Task A_log_of_thousands_of_events_is_replayed_completely()
    {
        const int year = 2008;
        const int cases = 800;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < cases; i++)
        {
            var id = Guid.NewGuid();
            var at = new DateTimeOffset(year, 1 + i % 12, 1 + i % 28, 10, 0, 0, TimeSpan.FromHours(8));
            fixture.Log.Append(Guid.CreateVersion7(), new CaseRegistered(id, 1, at, now, $"N{i}", CaseKind.Dispute, DisputeCategory.Contract, null,
                "muer-v01", "muer", "yubei", CaseSource.Application, CaseChannel.Phone, RiskLevel.Low, at, 2, null, "u", null));
            fixture.Log.Append(Guid.CreateVersion7(), new MediationStarted(id, 2, at.AddDays(1), now));
            fixture.Log.Append(Guid.CreateVersion7(), new CaseResolved(id, 3, at.AddDays(3), now, AgreementType.Written, null, false, now));
            // a notice in the same log that no projection applies (the mediator service's, one per dispute of a full town)
            fixture.Log.Append(Guid.CreateVersion7(), new AssignmentAwaited(id, $"N{i}", "muer-v01", at, now));
        }
        var f = fixture.Factory;
        using var admin = f.ClientWithToken(fixture.Log.AcceptedToken);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/reports/rebuild", null)).StatusCode);
        var status = await Eventually.ValueAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/reports/rebuild"),
            s => s.GetProperty("status").GetString() is "done" or "failed", TimeSpan.FromSeconds(90), 100);
        Assert.True(status.GetProperty("status").GetString() is "done" or "failed", $"the rebuild should end within 90 s; its status is {status}");
        Assert.Equal("done", status.GetProperty("status").GetString());
        Assert.Equal(3 * cases, status.GetProperty("eventsApplied").GetInt64());
        // the log was asked for the projected types alone: the notices were never fetched
        Assert.True(status.GetProperty("eventsRead").GetInt64() == 3 * cases,
            $"only the {3 * cases} projected events should be read, not the notices too; read {status.GetProperty("eventsRead")} (types asked: {fixture.Log.TypesAsked ?? "none"})");
        Assert.DoesNotContain("AssignmentAwaited", fixture.Log.TypesAsked?.Split(',') ?? []);
        var seconds = (status.GetProperty("finishedAt").GetDateTimeOffset() - status.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        Console.WriteLine($"rebuild volume: {3 * cases} events in {seconds:0.00} s = {3 * cases / seconds:0} events/s");
        using var statistician = f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        var disputes = (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}&regionCode=muer"))
            .GetProperty("figures").GetProperty("disputes");
        Assert.Equal(cases, disputes.GetProperty("registered").GetInt32());
        Assert.Equal(cases, disputes.GetProperty("resolved").GetInt32());
        Assert.Equal(0, disputes.GetProperty("inProgress").GetInt32());
    }
}
