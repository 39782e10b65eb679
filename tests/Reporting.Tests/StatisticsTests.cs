using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// The statistics form (issue 24, api.md "Statistics") over a generated quarter with known counts per month, village,
/// category, source and prevention kind: json cell by cell, xlsx read back, months summing to the quarter and to the
/// annual figures, a period across a year end, 23:30 CST on a month's last day, suppression only when published.
/// </summary>
public sealed class StatisticsTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly ReportingFactory _f = fixture.Factory;
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s);
    private const int Year = 2019;
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _seeded;

    private HttpClient Statistician() => _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));

    private static CaseRegistered Registered(Guid id, string village, string town, DisputeCategory category, CaseSource source, DateTimeOffset at, int parties) =>
        new(id, 1, at, DateTimeOffset.UtcNow, "N", CaseKind.Dispute, category, null, village, town, "yubei", source, CaseChannel.WalkIn, RiskLevel.Low, at, parties, null, "u", null);

    /// <summary>
    /// 金刚村 (muer-v01): 3 neighbourhood disputes found by screening in April (2 parties each), one resolved written
    /// (1000 yuan; prevented a criminal case of 3 and a group petition of 12), one oral, one failed in May; another
    /// registered at 23:30 CST on 30 June (June) and one at 00:30 on 1 July (not in the quarter). 白云村 (muer-v02): 2
    /// contract disputes entrusted by the police in May (5 parties each), one resolved at 23:30 CST on 31 May (May; 5000
    /// yuan, the old boolean: a criminal case, its 5 parties), found performed and applied for 司法确认 in June, confirmed
    /// in July. 古路镇 (gulu): one labour dispute applied for in June. Across the year end: 白云村, registered 2019-12-15,
    /// resolved 2020-01-10.
    /// </summary>
    private async Task SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_seeded) return;
            var now = DateTimeOffset.UtcNow;
            Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid(), e = Guid.NewGuid(), g = Guid.NewGuid(), h = Guid.NewGuid(),
                late = Guid.NewGuid(), x = Guid.NewGuid();
            var events = new List<object>
            {
                Registered(a, "muer-v01", "muer", DisputeCategory.Neighbourhood, CaseSource.Screening, T($"{Year}-04-02T10:00:00+08:00"), 2),
                Registered(b, "muer-v01", "muer", DisputeCategory.Neighbourhood, CaseSource.Screening, T($"{Year}-04-03T10:00:00+08:00"), 2),
                Registered(c, "muer-v01", "muer", DisputeCategory.Neighbourhood, CaseSource.Screening, T($"{Year}-04-04T10:00:00+08:00"), 2),
                new CaseResolved(a, 3, T($"{Year}-04-20T10:00:00+08:00"), now, AgreementType.Written, 1000m, true, T($"{Year}-05-20T10:00:00+08:00"),
                    [new Prevention(PreventedKind.CriminalCase, 3), new Prevention(PreventedKind.GroupPetition, 12)]),
                new CaseResolved(b, 3, T($"{Year}-04-21T10:00:00+08:00"), now, AgreementType.Oral, null, false, T($"{Year}-05-21T10:00:00+08:00"), []),
                new CaseUnresolved(c, 3, T($"{Year}-05-02T10:00:00+08:00"), now, AdvisedRoute.Litigation),
                Registered(d, "muer-v01", "muer", DisputeCategory.Neighbourhood, CaseSource.Screening, T($"{Year}-06-30T23:30:00+08:00"), 2),
                Registered(late, "muer-v01", "muer", DisputeCategory.Neighbourhood, CaseSource.Screening, T($"{Year}-07-01T00:30:00+08:00"), 2),
                Registered(e, "muer-v02", "muer", DisputeCategory.Contract, CaseSource.PoliceTransfer, T($"{Year}-05-05T10:00:00+08:00"), 5),
                Registered(g, "muer-v02", "muer", DisputeCategory.Contract, CaseSource.PoliceTransfer, T($"{Year}-05-06T10:00:00+08:00"), 5),
                new CaseResolved(e, 3, T($"{Year}-05-31T23:30:00+08:00"), now, AgreementType.Written, 5000m, true, T($"{Year}-06-30T10:00:00+08:00")),
                new CaseUpdated(e, 4, T($"{Year}-06-10T10:00:00+08:00"), now, "follow_up", CaseStatus.Resolved, DisputeCategory.Contract, RiskLevel.Low, null, Performed: true),
                new CaseUpdated(e, 5, T($"{Year}-06-12T10:00:00+08:00"), now, "judicial_confirmation", CaseStatus.Resolved, DisputeCategory.Contract, RiskLevel.Low, null,
                    JudicialConfirmation: JudicialConfirmationStatus.Applied),
                new CaseUpdated(e, 6, T($"{Year}-07-02T10:00:00+08:00"), now, "judicial_confirmation", CaseStatus.Resolved, DisputeCategory.Contract, RiskLevel.Low, null,
                    JudicialConfirmation: JudicialConfirmationStatus.Confirmed),
                Registered(h, "gulu", "gulu", DisputeCategory.Labour, CaseSource.Application, T($"{Year}-06-15T10:00:00+08:00"), 3),
                Registered(x, "muer-v02", "muer", DisputeCategory.Contract, CaseSource.Application, T($"{Year}-12-15T10:00:00+08:00"), 2),
                new CaseResolved(x, 3, T($"{Year + 1}-01-10T10:00:00+08:00"), now, AgreementType.Written, 300m, false, T($"{Year + 1}-02-10T10:00:00+08:00"), []),
            };
            // outcomes before registrations and each twice: the order and duplicates of a real broker
            foreach (var ev in events.AsEnumerable().Reverse()) await _f.PublishAsync(ev);
            foreach (var ev in events) await _f.PublishAsync(ev);
            // every event applied (the fold is order-independent): all ten registered, every outcome and step there
            var ids = new[] { a, b, c, d, e, g, h, x };
            var applied = await Eventually.ValueAsync(() => _f.WithDbAsync(async db =>
            {
                var facts = await db.CaseFacts.AsNoTracking().Where(f => ids.Contains(f.CaseId)).ToListAsync();
                return facts.Count(f => f.Registered) + facts.Count(f => f.ResolvedAt != null) + facts.Count(f => f.UnresolvedAt != null)
                    + facts.Count(f => f.PerformedAt != null) + facts.Count(f => f.JudicialConfirmedAt != null);
            }), n => n == 8 + 4 + 1 + 1 + 1, TimeSpan.FromSeconds(30));
            Assert.Equal(15, applied);
            _seeded = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<JsonElement> JsonAsync(string region, string from, string to)
    {
        using var client = Statistician();
        var response = await client.GetAsync($"/api/reports/statistics?regionCode={region}&from={from}&to={to}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static JsonElement Row(JsonElement report, string code) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("regionCode").GetString() == code).GetProperty("columns");

    private static int N(JsonElement cells, string column) => cells.GetProperty(column).GetInt32();

    [Fact]
    public async Task A_quarter_has_every_column_by_village_category_source_and_prevention_kind_counted_in_the_month_it_is_about()
    {
        await SeedAsync();
        var q = await JsonAsync("muer", $"{Year}-04-01", $"{Year}-07-01");
        Assert.Equal($"{Year}-04-01", q.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal(["muer-v01", "muer-v02"], q.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("regionCode").GetString()));
        Assert.Equal("金刚村", q.GetProperty("rows")[0].GetProperty("name").GetString());

        var v01 = Row(q, "muer-v01").GetProperty("total");
        var expected01 = new Dictionary<string, int>
        {
            ["registered"] = 4, ["resolved"] = 2, ["unresolved"] = 1, ["oralAgreements"] = 1, ["writtenAgreements"] = 1, ["performed"] = 0,
            ["parties"] = 8, ["sourceScreening"] = 4, ["sourceApplication"] = 0, ["sourceEntrusted"] = 0,
            ["preventedCriminalCaseCases"] = 1, ["preventedCriminalCasePersons"] = 3, ["preventedGroupPetitionCases"] = 1, ["preventedGroupPetitionPersons"] = 12,
            ["preventedGroupFightCases"] = 0, ["preventedSuicideCases"] = 0,
        };
        foreach (var (column, value) in expected01) Assert.True(N(v01, column) == value, $"金刚村 {column}: expected {value}, saw {N(v01, column)} in {v01}");
        Assert.Equal(1000m, v01.GetProperty("amountAgreed").GetDecimal());
        Assert.Equal(0.6667m, v01.GetProperty("successRate").GetDecimal());
        Assert.Equal(v01.GetRawText(), Row(q, "muer-v01").GetProperty("byCategory").GetProperty("neighbourhood").GetRawText());
        Assert.Equal(0, N(Row(q, "muer-v01").GetProperty("byCategory").GetProperty("contract"), "registered"));

        var v02 = Row(q, "muer-v02").GetProperty("total");
        var expected02 = new Dictionary<string, int>
        {
            ["registered"] = 2, ["resolved"] = 1, ["writtenAgreements"] = 1, ["performed"] = 1, ["judicialConfirmationApplied"] = 1, ["judicialConfirmed"] = 0,
            ["parties"] = 10, ["sourceEntrusted"] = 2, ["preventedCriminalCaseCases"] = 1, ["preventedCriminalCasePersons"] = 5,
        };
        foreach (var (column, value) in expected02) Assert.True(N(v02, column) == value, $"白云村 {column}: expected {value}, saw {N(v02, column)} in {v02}");
        Assert.Equal(5000m, v02.GetProperty("amountAgreed").GetDecimal());
        Assert.Equal(2, N(Row(q, "muer-v02").GetProperty("byCategory").GetProperty("contract"), "registered"));

        var total = q.GetProperty("total").GetProperty("columns").GetProperty("total");
        Assert.Equal(6, N(total, "registered"));
        Assert.Equal(3, N(total, "resolved"));
        Assert.Equal(6000m, total.GetProperty("amountAgreed").GetDecimal());
        Assert.Equal(8, N(total, "preventedCriminalCasePersons"));

        // the three months add up to the quarter, cell by cell; 23:30 CST on a month's last day is that month
        var months = new[] { ($"{Year}-04-01", $"{Year}-05-01"), ($"{Year}-05-01", $"{Year}-06-01"), ($"{Year}-06-01", $"{Year}-07-01") };
        var monthly = new List<JsonElement>();
        foreach (var (from, to) in months) monthly.Add((await JsonAsync("muer", from, to)).GetProperty("total").GetProperty("columns").GetProperty("total"));
        foreach (var column in total.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Name != "successRate"))
            Assert.True(monthly.Sum(m => m.GetProperty(column.Name).GetDecimal()) == column.Value.GetDecimal(),
                $"{column.Name}: months {string.Join(" + ", monthly.Select(m => m.GetProperty(column.Name).GetDecimal()))} ≠ quarter {column.Value}");
        Assert.Equal(1, N(Row(await JsonAsync("muer", $"{Year}-05-01", $"{Year}-06-01"), "muer-v02").GetProperty("total"), "resolved")); // 23:30 CST, 31 May
        Assert.Equal(1, N(Row(await JsonAsync("muer", $"{Year}-06-01", $"{Year}-07-01"), "muer-v01").GetProperty("total"), "registered"));

        // a district: a row per town
        var district = await JsonAsync("yubei", $"{Year}-04-01", $"{Year}-07-01");
        Assert.Equal(6, N(Row(district, "muer").GetProperty("total"), "registered"));
        Assert.Equal(1, N(Row(district, "gulu").GetProperty("total"), "sourceApplication"));
        Assert.Equal(3, N(Row(district, "gulu").GetProperty("total"), "parties"));
    }

    [Fact]
    public async Task The_year_equals_its_twelve_months_and_the_annual_figures_and_a_period_may_cross_the_year_end()
    {
        await SeedAsync();
        var year = (await JsonAsync("muer", $"{Year}-01-01", $"{Year + 1}-01-01")).GetProperty("total").GetProperty("columns").GetProperty("total");
        var sums = new Dictionary<string, decimal>();
        for (var m = 1; m <= 12; m++)
        {
            var to = m == 12 ? $"{Year + 1}-01-01" : $"{Year}-{m + 1:D2}-01";
            var month = (await JsonAsync("muer", $"{Year}-{m:D2}-01", to)).GetProperty("total").GetProperty("columns").GetProperty("total");
            foreach (var p in month.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Name != "successRate"))
                sums[p.Name] = sums.GetValueOrDefault(p.Name) + p.Value.GetDecimal();
        }
        foreach (var (column, sum) in sums) Assert.True(year.GetProperty(column).GetDecimal() == sum, $"{column}: year {year.GetProperty(column)} ≠ months {sum}");

        using var client = Statistician();
        var annual = (await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode=muer")).GetProperty("figures").GetProperty("disputes");
        Assert.Equal(annual.GetProperty("registered").GetInt32(), N(year, "registered"));
        Assert.Equal(annual.GetProperty("resolved").GetInt32(), N(year, "resolved"));
        Assert.Equal(annual.GetProperty("unresolved").GetInt32(), N(year, "unresolved"));
        Assert.Equal(annual.GetProperty("peopleInvolved").GetInt32(), N(year, "parties"));
        Assert.Equal(annual.GetProperty("escalationPrevented").GetInt32(), N(year, "preventedCriminalCaseCases"));
        Assert.Equal(annual.GetProperty("bySource").GetProperty("screening").GetInt32(), N(year, "sourceScreening"));

        var across = (await JsonAsync("muer", $"{Year}-12-01", $"{Year + 1}-02-01")).GetProperty("total").GetProperty("columns").GetProperty("total");
        Assert.Equal(1, N(across, "registered"));
        Assert.Equal(1, N(across, "resolved"));
        Assert.Equal(300m, across.GetProperty("amountAgreed").GetDecimal());
    }

    [Fact]
    public async Task The_xlsx_has_the_forms_headings_merged_and_the_same_cells_and_only_published_exports_suppress_small_counts()
    {
        await SeedAsync();
        using var client = Statistician();
        var xlsx = await client.GetByteArrayAsync($"/api/reports/statistics?regionCode=muer&from={Year}-04-01&to={Year}-07-01&format=xlsx");
        var rows = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains("人民调解工作统计表", rows[0]["A"]?.ToString());
        Assert.Equal(["单位", "纠纷类型", "受理", "调解成功", "调解不成功", "成功率"], new[] { "A", "B", "C", "D", "E", "F" }.Select(k => rows[1][k]?.ToString()));
        Assert.Equal("协议形式", rows[1]["H"]?.ToString());
        Assert.Equal(["口头", "书面"], new[] { "H", "I" }.Select(k => rows[2][k]?.ToString()));
        var village = rows.FindIndex(r => r["A"]?.ToString() == "金刚村");
        Assert.Equal("合计", rows[village]["B"]?.ToString());
        Assert.Equal(4d, Convert.ToDouble(rows[village]["C"]));
        Assert.Equal(2d, Convert.ToDouble(rows[village]["D"]));
        Assert.Equal(1000d, Convert.ToDouble(rows[village]["G"]));
        Assert.Equal(12d, Convert.ToDouble(rows[village]["T"])); // 防止群体性上访 · 人
        using (var zip = new ZipArchive(new MemoryStream(xlsx)))
        {
            var sheet = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet")).Open()).ReadToEnd();
            foreach (var merge in new[] { "A2:A3", "C2:C3", "H2:I2", "Q2:R2", "A4:A19" })
                Assert.True(sheet.Contains($"ref=\"{merge}\""), $"the sheet does not merge {merge}");
        }

        var plain = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/api/reports/statistics?regionCode=muer&from={Year}-04-01&to={Year}-07-01&format=csv"));
        var published = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/api/reports/statistics?regionCode=muer&from={Year}-04-01&to={Year}-07-01&format=csv&published=true"));
        string Line(string csv, string unit) => csv.Split("\r\n").First(l => l.StartsWith(unit + ",合计,"));
        Assert.StartsWith("白云村,合计,2,1,0,", Line(plain, "白云村"));
        Assert.StartsWith("白云村,合计,<3,<3,0,", Line(published, "白云村"));
        Assert.DoesNotContain("<3", plain);
        var html = await client.GetStringAsync($"/api/reports/statistics?regionCode=muer&from={Year}-04-01&to={Year}-07-01&format=html");
        Assert.Contains("colspan=\"2\">协议形式", html);
        Assert.Contains("防止民间纠纷转化为刑事案件", html);

        // every export is an entry of the reporting service's audit chain (the JSON form is not an export)
        using var auditor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Auditor));
        var exports = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?kind=export&pageSize=500");
        var formats = exports.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("target").GetString() == "muer")
            .Select(e => e.GetProperty("details").GetProperty("format").GetString()).ToList();
        Assert.True(formats.Count(f => f == "csv") >= 2 && formats.Contains("xlsx") && formats.Contains("html"), string.Join(",", formats));
        Assert.Null((await _f.WithDbAsync(db => MediationPlatform.ServiceDefaults.Audit.AuditTrail.VerifyAsync(db, CancellationToken.None))).FirstBroken);
    }

    [Fact]
    public async Task Bad_periods_and_foreign_regions_are_refused_with_the_field_named()
    {
        using var client = Statistician();
        foreach (var (query, field) in new[]
                 {
                     ("regionCode=muer&from=2019-04-15&to=2019-07-01", "from"), ("regionCode=muer&from=2019-04-01&to=2019-04-01", "to"),
                     ("regionCode=muer&from=2019-04-01", "to"), ("from=2019-04-01&to=2019-05-01", "regionCode"),
                     ("regionCode=muer&from=2019-04-01&to=2039-05-01", "to"), ("regionCode=muer&from=2019-04-01&to=2019-05-01&format=pdf", "format"),
                 })
        {
            var response = await client.GetAsync($"/api/reports/statistics?{query}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {(int)response.StatusCode} {body}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/reports/statistics?regionCode=nowhere&from=2019-04-01&to=2019-05-01")).StatusCode);
        using var foreign = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, ["gulu"]));
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync("/api/reports/statistics?regionCode=muer&from=2019-04-01&to=2019-05-01")).StatusCode);
        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, ["muer"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/api/reports/statistics?regionCode=muer&from=2019-04-01&to=2019-05-01")).StatusCode);
    }
}
