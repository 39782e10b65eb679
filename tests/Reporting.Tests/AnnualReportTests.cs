using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Features.Annual;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Npgsql;
using Quartz;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// Year 2011 in muer: 4 disputes in 金刚村 (muer-v01), 1 in 白云村 (muer-v02); 3 resolved, 1 unresolved;
/// 3 petitions, all concluded (2 on time). Published once per fixture.
/// </summary>
public sealed class AnnualFixture : IAsyncLifetime
{
    public const int Year = 2011;
    private readonly ReportingFixture _inner = new();
    public ReportingFactory Factory => _inner.Factory;

    public async Task InitializeAsync()
    {
        await _inner.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset T(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);
        CaseRegistered Reg(Guid id, string region, DisputeCategory category, string at, CaseKind kind = CaseKind.Dispute) =>
            new(id, 1, T(at), now, "N", kind, category, kind == CaseKind.Petition ? PetitionType.Claim : null, region, "muer", "yubei",
                CaseSource.Application, CaseChannel.WalkIn, RiskLevel.Low, T(at), 2, 500m, "u", null);
        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        var events = new List<object>
        {
            Reg(ids[0], "muer-v01", DisputeCategory.Neighbourhood, $"{Year}-02-01T10:00:00+08:00"),
            Reg(ids[1], "muer-v01", DisputeCategory.Neighbourhood, $"{Year}-03-01T10:00:00+08:00"),
            Reg(ids[2], "muer-v01", DisputeCategory.Neighbourhood, $"{Year}-04-01T10:00:00+08:00"),
            Reg(ids[3], "muer-v01", DisputeCategory.LandForest, $"{Year}-05-01T10:00:00+08:00"),
            Reg(ids[4], "muer-v02", DisputeCategory.Contract, $"{Year}-06-01T10:00:00+08:00"),
            new CaseResolved(ids[0], 3, T($"{Year}-02-10T10:00:00+08:00"), now, AgreementType.Written, null, true, now),
            new CaseResolved(ids[1], 3, T($"{Year}-03-10T10:00:00+08:00"), now, AgreementType.Written, null, false, now),
            new CaseResolved(ids[2], 3, T($"{Year}-04-10T10:00:00+08:00"), now, AgreementType.Oral, null, false, now),
            new CaseUnresolved(ids[3], 3, T($"{Year}-05-10T10:00:00+08:00"), now, AdvisedRoute.Litigation),
        };
        for (var i = 5; i < 8; i++)
        {
            events.Add(Reg(ids[i], "muer-v01", DisputeCategory.Other, $"{Year}-07-0{i}T10:00:00+08:00", CaseKind.Petition));
            events.Add(new PetitionConcluded(ids[i], 3, T($"{Year}-08-0{i}T10:00:00+08:00"), now, Opinion.Support, i != 7));
        }
        foreach (var e in events) await Factory.PublishAsync(e);
        if (!await Eventually.TrueAsync(() => Factory.WithDbAsync(db => db.CaseFacts.CountAsync(f => ids.Contains(f.CaseId) && f.Registered
                && (f.Version == 3 || f.CaseId == ids[4])).ContinueWith(t => t.Result == 8)), TimeSpan.FromSeconds(20)))
            throw new InvalidOperationException("annual fixture cases not projected");
    }

    public Task DisposeAsync() => _inner.DisposeAsync();
}

public sealed class AnnualReportTests(AnnualFixture fixture) : IClassFixture<AnnualFixture>
{
    private const int Year = AnnualFixture.Year;
    private readonly ReportingFactory _f = fixture.Factory;

    private HttpClient Statistician() => _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));

    private async Task<JsonElement> PostAsync(int year, string? region, string? idempotencyKey = null)
    {
        using var client = Statistician();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/annual/{year}" + (region is null ? "" : $"?regionCode={region}"));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_run_stores_the_summary_figures_as_a_snapshot_and_a_rerun_adds_another()
    {
        using var client = Statistician();
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode=muer");
        var first = await PostAsync(Year, "muer");
        Assert.Equal(Year, first.GetProperty("year").GetInt32());
        Assert.Equal("muer", first.GetProperty("regionCode").GetString());
        Assert.Equal(summary.GetProperty("figures").GetRawText(), first.GetProperty("figures").GetRawText());
        Assert.Equal(5, first.GetProperty("figures").GetProperty("disputes").GetProperty("registered").GetInt32());
        var second = await PostAsync(Year, "muer");
        Assert.NotEqual(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());

        var latest = await client.GetFromJsonAsync<JsonElement>($"/api/reports/annual/{Year}?regionCode=muer");
        Assert.Equal(second.GetProperty("id").GetGuid(), latest.GetProperty("id").GetGuid());
        var runs = await client.GetFromJsonAsync<JsonElement>($"/api/reports/annual/{Year}/snapshots?regionCode=muer");
        var runIds = runs.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(first.GetProperty("id").GetGuid(), runIds);
        Assert.Contains(second.GetProperty("id").GetGuid(), runIds);
        Assert.Equal(second.GetProperty("id").GetGuid(), runIds[0]); // newest first
        Assert.All(runs.EnumerateArray(), r => Assert.Equal("api", r.GetProperty("trigger").GetString()));
        // nothing for a year without a run, and bad input is named
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/reports/annual/{Year - 5}?regionCode=muer")).StatusCode);
        var badFormat = await client.GetAsync($"/api/reports/annual/{Year}?regionCode=muer&format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("format", await badFormat.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/reports/annual/{Year}?regionCode=nowhere", null)).StatusCode);
    }

    [Fact]
    public async Task Snapshots_cannot_be_updated_or_deleted_and_repeat_posts_with_one_Idempotency_Key_make_one_snapshot()
    {
        var key = Guid.NewGuid().ToString();
        var a = await PostAsync(Year, "muer-v01", key);
        var b = await PostAsync(Year, "muer-v01", key);
        Assert.Equal(a.GetProperty("id").GetGuid(), b.GetProperty("id").GetGuid());
        var id = a.GetProperty("id").GetGuid();
        Assert.Equal(1, await _f.WithDbAsync(db => db.AnnualSnapshots.CountAsync(s => s.IdempotencyKey == key)));

        var update = await Assert.ThrowsAsync<PostgresException>(() => _f.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE annual_snapshots SET figures = '{{}}'::jsonb WHERE id = {id}")));
        Assert.Contains("insert-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => _f.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"DELETE FROM annual_snapshots WHERE id = {id}")));
        await Assert.ThrowsAsync<PostgresException>(() => _f.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE annual_snapshots")));
        var kept = await _f.WithDbAsync(db => db.AnnualSnapshots.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(4, AnnualReportJob.FiguresOf(kept).Disputes.Registered); // the 4 disputes of 金刚村, unchanged

        using var client = Statistician();
        using var other = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/annual/{Year}?regionCode=muer-v02");
        other.Headers.Add("Idempotency-Key", key);
        var reused = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("Idempotency-Key", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_statisticians_and_admins_run_it_and_readers_see_only_their_regions()
    {
        await PostAsync(Year, "gulu");
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, ["muer"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/reports/annual/{Year}?regionCode=muer", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/reports/annual/{Year}?regionCode=gulu")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/reports/annual/{Year}/snapshots?regionCode=gulu")).StatusCode);
        using var gulu = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, ["gulu"]));
        Assert.Equal(HttpStatusCode.OK, (await gulu.GetAsync($"/api/reports/annual/{Year}?regionCode=gulu&format=md")).StatusCode);
        using var anonymous = _f.CreateClient();
        await AuthAssertions.RejectsBadTokensAsync(anonymous, $"/api/reports/annual/{Year}?regionCode=gulu");
    }

    [Fact]
    public async Task The_schedule_fires_on_1_January_at_0200_China_Standard_Time_for_the_year_just_ended()
    {
        var scheduler = await _f.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(AnnualSchedule.TriggerKey));
        Assert.Equal(AnnualSchedule.JobKey, trigger.JobKey);
        Assert.Equal("Asia/Shanghai", trigger.TimeZone.Id);
        var next = trigger.GetFireTimeAfter(DateTimeOffset.UtcNow)!.Value;
        var nowCst = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var expected = new DateTimeOffset(nowCst.Year + 1, 1, 1, 2, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(expected, next); // 18:00 UTC on 31 December
        Assert.Equal(nowCst.Year, AnnualSchedule.YearToReport(next)); // still 31 December in UTC, yet the year just ended
        Assert.Equal(2026, AnnualSchedule.YearToReport(DateTimeOffset.Parse("2026-12-31T18:00:00Z", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_scheduled_job_writes_one_snapshot_per_town_and_district()
    {
        await using var scope = _f.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<AnnualReportJob>();
        var snapshots = await job.RunForEveryTownAndDistrictAsync(Year - 1, AnnualReportJob.Schedule);
        Assert.Equal(["yubei", "gulu", "muer"], snapshots.Select(s => s.RegionCode!).ToArray());
        Assert.All(snapshots, s => Assert.Equal("schedule", s.Trigger));
    }

    [Fact]
    public async Task The_schedule_firing_on_two_replicas_at_once_writes_the_year_once()
    {
        const int year = Year - 3;
        async Task<int> Fire()
        {
            await using var scope = _f.Services.CreateAsyncScope(); // a replica: its own context and connection
            return (await scope.ServiceProvider.GetRequiredService<AnnualReportJob>().RunScheduledOnceAsync(year)).Count;
        }
        var written = await Task.WhenAll(Fire(), Fire());
        Assert.Equal([0, 3], written.Order().ToArray()); // one wrote yubei, gulu and muer; the other nothing
        Assert.Equal(0, await Fire());                     // a late misfire after a restart: nothing either
        var stored = await _f.WithDbAsync(db => db.AnnualSnapshots.Where(s => s.Year == year && s.Trigger == "schedule")
            .Select(s => s.RegionCode!).OrderBy(c => c).ToListAsync());
        Assert.Equal(["gulu", "muer", "yubei"], stored);
    }

    [Fact]
    public void The_command_line_is_parsed_and_other_arguments_pass_through()
    {
        var modes = ReportingService.CommandLine;
        var parsed = modes.Parse(["--annual-report", "--year", "2021", "--region", "muer", "--urls", "http://x"]);
        Assert.Null(parsed.Error);
        Assert.Same(AnnualReportCommand.Mode, parsed.Mode);
        Assert.Equal("2021", parsed.Options["year"]);
        Assert.Equal("muer", parsed.Options["region"]);
        Assert.Equal(["--urls", "http://x"], parsed.HostArgs);
        Assert.Null(modes.Parse(["--urls", "http://x"]).Mode);
        Assert.NotNull(modes.Parse(["--annual-report", "--year"]).Error);               // an option without its value
        Assert.NotNull(modes.Parse(["--annual-report", "--recount-figures"]).Error);   // two modes at once
        var now = new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.FromHours(8));      // 1 January 02:00 CST (still 2026 in UTC… the year before in CST)
        Assert.Equal(2026, AnnualReportCommand.YearOf("previous", now));
        Assert.Equal(2021, AnnualReportCommand.YearOf("2021", now));
        Assert.Null(AnnualReportCommand.YearOf("21x", now));
        Assert.Null(AnnualReportCommand.YearOf("1999", now));
    }

    [Fact]
    public async Task The_real_binary_run_with_annual_report_stores_a_snapshot_prints_where_and_exits_0()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MediationPlatform.sln"))) root = root.Parent;
        var configuration = typeof(AnnualReportTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(root!.FullName, "services", "Reporting", "bin", configuration, "net10.0", "MediationPlatform.Reporting.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--annual-report", "--year", Year.ToString(CultureInfo.InvariantCulture), "--region", "muer" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        var infra = _f.Infrastructure;
        info.Environment["ConnectionStrings__Reporting"] = _f.Database.ConnectionString;
        info.Environment["RabbitMq__Host"] = infra.RabbitHost;
        info.Environment["RabbitMq__Port"] = infra.RabbitPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["RabbitMq__VirtualHost"] = _f.VirtualHost.Name;
        info.Environment["RabbitMq__Username"] = infra.RabbitUser;
        info.Environment["RabbitMq__Password"] = infra.RabbitPassword;
        info.Environment["Auth__Issuer"] = TestTokens.Issuer;
        info.Environment["Auth__SigningKeyPath"] = TestTokens.Shared.PublicKeyPath;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Transport__Mode"] = "internal";   // Production (the default environment) requires a named transport
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        Assert.True(process.ExitCode == 0, output + await stderr);
        var line = output.Split('\n').Single(l => l.StartsWith("snapshot ", StringComparison.Ordinal));
        Assert.Contains("annual_snapshots", line);
        Assert.Contains($"/api/reports/annual/{Year}?regionCode=muer", line);
        var id = Guid.Parse(line["snapshot ".Length..line.IndexOf(':')]);
        var stored = await _f.WithDbAsync(db => db.AnnualSnapshots.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal("cli", stored.Trigger);
        Assert.Equal(5, AnnualReportJob.FiguresOf(stored).Disputes.Registered);
    }

    [Fact]
    public async Task Csv_xlsx_and_markdown_carry_the_snapshot_figures_with_small_cells_suppressed_and_json_stays_exact()
    {
        var snapshot = await PostAsync(Year, "muer");
        using var client = Statistician();
        var figures = snapshot.GetProperty("figures");
        // exact JSON: the 1 dispute of 白云村 and the 1 unresolved are there as numbers
        Assert.Equal(1, figures.GetProperty("disputes").GetProperty("byRegion").GetProperty("muer-v02").GetProperty("registered").GetInt32());
        Assert.Equal(1, figures.GetProperty("disputes").GetProperty("unresolved").GetInt32());

        var expected = new Dictionary<string, string>();
        Flatten(figures, "", expected);
        string Published(string metric) => expected[metric] is "1" or "2" ? "<3" : expected[metric];

        // CSV
        var csvBytes = await client.GetByteArrayAsync($"/api/reports/annual/{Year}?regionCode=muer&format=csv");
        var csv = Encoding.UTF8.GetString(csvBytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("metric,label,value", csv[0]);
        var csvValues = csv.Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[^1]);
        Assert.Equal(expected.Keys.Order(), csvValues.Keys.Order());
        foreach (var metric in expected.Keys.Where(k => !k.EndsWith("Rate", StringComparison.Ordinal) && !k.EndsWith("Involved", StringComparison.Ordinal)))
            Assert.True(Published(metric) == csvValues[metric], $"{metric}: {Published(metric)} != {csvValues[metric]}");
        Assert.Equal("5", csvValues["disputes.registered"]);
        Assert.Equal("3", csvValues["disputes.resolved"]);
        Assert.Equal("<3", csvValues["disputes.unresolved"]);
        Assert.Equal("<3", csvValues["disputes.byRegion.muer-v02.registered"]);
        Assert.Equal("0.75", csvValues["disputes.successRate"]); // 3 of 4: denominator ≥ 3, shown
        Assert.Equal(2500m, decimal.Parse(csvValues["disputes.amountInvolved"], CultureInfo.InvariantCulture));

        // XLSX
        await using var xlsx = await client.GetStreamAsync($"/api/reports/annual/{Year}?regionCode=muer&format=xlsx");
        var buffer = new MemoryStream();
        await xlsx.CopyToAsync(buffer);
        buffer.Position = 0;
        var sheet = buffer.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>()
            .ToDictionary(r => (string)r["metric"], r => Convert.ToString(r["value"], CultureInfo.InvariantCulture)!);
        Assert.Equal(csvValues.Keys.Order(), sheet.Keys.Order());
        foreach (var (metric, value) in csvValues)
        {
            var cell = sheet[metric];
            if (decimal.TryParse(value, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(cell, CultureInfo.InvariantCulture, out var b))
                Assert.True(a == b, $"{metric}: {value} != {cell}"); // a number cell, 2500.00 == 2500
            else Assert.True(value == cell, $"{metric}: {value} != {cell}");
        }

        // Markdown
        var md = await client.GetStringAsync($"/api/reports/annual/{Year}?regionCode=muer&format=md");
        Assert.Contains($"{Year} 年木耳镇共化解各类矛盾纠纷 3 起", md);
        Assert.Contains($"{Year} 年成功办结信访事项 3 件。", md);
        Assert.Contains($"{Year} 年木耳镇共受理各类矛盾纠纷 5 起", md);
        Assert.Contains("调解成功率 75%", md);
        Assert.Contains("| 邻里纠纷 | 3 | 3 |", md);
        Assert.Contains("| 山林土地纠纷 | <3 | 0 |", md);
        Assert.Contains("| 金刚村 | 4 | 3 |", md);
        Assert.Contains("| 白云村 | <3 | 0 |", md);
        Assert.Contains("按期办结 <3 件", md);
        Assert.DoesNotContain("| 1 |", md);
    }

    private static void Flatten(JsonElement e, string path, Dictionary<string, string> into)
    {
        if (e.ValueKind == JsonValueKind.Object)
            foreach (var p in e.EnumerateObject()) Flatten(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", into);
        else into[path] = e.ValueKind == JsonValueKind.Null ? "" : e.GetRawText();
    }
}
