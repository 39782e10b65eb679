using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// The issue's "done when": a generated year of disputes and petitions goes in through the real case service's public
/// API (back-dated, including 23:30 CST on 31 December and 00:30 on 1 January), the expected figures are counted here
/// independently, and every figure of the live summary and of an annual snapshot, and the Markdown, must match.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GeneratedYearTests(PlatformFixture platform)
{
    // No other end-to-end test writes cases dated in 2022. Its petitions run under both regulations: those received before
    // 1 May under 信访条例 (2005, every matter has the 60 days), the rest under 信访工作条例 (only claims) — ADR 0012.
    public const int Year = 2022;
    private static readonly DateTimeOffset PetitionWorkRegulationFrom = new(2022, 5, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly string[] Categories = ["neighbourhood", "marriage_family", "land_forest", "contract", "labour"];
    private static readonly string[] Opinions = ["support", "explain", "not_support"];
    private static readonly string[] PetitionTypes = ["suggestion", "accusation", "claim"];

    private sealed record Generated(
        string Kind, string Village, string Category, string? PetitionType, DateTimeOffset ReceivedAt, int PartyCount, decimal Amount,
        string? Outcome, DateTimeOffset? OutcomeAt, bool EscalationPrevented, string? AgreementType,
        DateTimeOffset? AcceptedAt, string? Opinion, string? Agency = null, int Index = 0);

    /// <summary>The agencies that hand disputes in here (intake), as the figures key them; null: registered by a mediator.</summary>
    private static string? AgencyOf(int i) => (i % 10) switch { 3 => "police", 7 => "court", _ => null };

    private static int YearOf(DateTimeOffset? t) => t is { } v ? v.ToOffset(Cst).Year : 0;

    private static List<Generated> Generate()
    {
        var random = new Random(Year);
        var villages = new[] { "muer-g1", "muer-g2" };
        var list = new List<Generated>();
        DateTimeOffset Day(int dayOfYear, int hour = 10) => new DateTimeOffset(Year, 1, 1, hour, 0, 0, Cst).AddDays(dayOfYear);
        for (var i = 0; i < 320; i++)
        {
            var received = i switch
            {
                < 4 => new DateTimeOffset(Year, 12, 31, 23, 30, 0, Cst),      // still this year
                < 8 => new DateTimeOffset(Year + 1, 1, 1, 0, 30, 0, Cst),     // next year (16:30 UTC on 31 December)
                < 14 => new DateTimeOffset(Year - 1, 12, 10, 10, 0, 0, Cst),  // last year, ends this year
                _ => Day(random.Next(0, 340)),
            };
            var roll = random.Next(100);
            string? outcome = roll switch { < 60 => "resolved", < 75 => "unresolved", < 85 => "withdrawn", _ => null };
            DateTimeOffset? at = outcome is null ? null : received.AddMinutes(20 + random.Next(0, 20 * 24 * 60));
            if (i is >= 14 and < 18) { outcome = "resolved"; received = new DateTimeOffset(Year, 12, 20, 10, 0, 0, Cst); at = new DateTimeOffset(Year + 1, 1, 1, 0, 30, 0, Cst); }
            if (i < 4 && outcome is not null) at = received.AddMinutes(15); // 23:45 on 31 December: this year
            if (i is >= 8 and < 14 && outcome is not null) at = new DateTimeOffset(Year, 1, 5, 10, 0, 0, Cst).AddHours(random.Next(0, 200));
            var agency = AgencyOf(i);
            // a handed-in dispute still open may go back to its agency (returned) a few minutes after it came
            if (agency is not null && outcome is null && random.Next(3) == 0) (outcome, at) = ("returned", received.AddMinutes(10));
            var g = new Generated("dispute", villages[random.Next(2)], Categories[random.Next(Categories.Length)], null, received,
                random.Next(2, 6), random.Next(0, 50) * 1000m, outcome, at, outcome == "resolved" && random.Next(4) == 0,
                outcome == "resolved" ? (random.Next(3) == 0 ? "oral" : "written") : null, null, null, agency, i);
            // an intake carries its parties (one here) and no amount
            list.Add(agency is null ? g : g with { PartyCount = 1, Amount = 0 });
        }
        for (var i = 0; i < 120; i++)
        {
            var received = i < 3 ? new DateTimeOffset(Year, 12, 31, 23, 30, 0, Cst) : Day(random.Next(0, 300));
            var roll = random.Next(100);
            DateTimeOffset? accepted = roll < 90 ? received.AddDays(3) : null;
            string? outcome = roll switch { < 60 => "concluded_on_time", < 80 => "concluded_late", < 90 => null, _ => "not_accepted" };
            DateTimeOffset? at = outcome switch
            {
                "concluded_on_time" => accepted!.Value.AddDays(20),
                "concluded_late" => accepted!.Value.AddDays(75),
                "not_accepted" => received.AddDays(5),
                _ => null,
            };
            list.Add(new Generated("petition", villages[random.Next(2)], "other", PetitionTypes[random.Next(3)], received,
                1, 0, outcome, at, false, null, accepted, outcome?.StartsWith("concluded", StringComparison.Ordinal) == true ? Opinions[random.Next(3)] : null));
        }
        return list;
    }

    /// <summary>Concluded by its due date, or a matter without a period (a suggestion or accusation received from 1 May 2022).</summary>
    private static bool OnTime(Generated g) =>
        g.Outcome == "concluded_on_time" || (g.PetitionType != "claim" && g.ReceivedAt >= PetitionWorkRegulationFrom);

    private static async Task<JsonElement> SendAsync(HttpClient client, string path, object body, int expected = 200)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode == expected || (expected == 200 && response.IsSuccessStatusCode))
                return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            if (response.StatusCode == HttpStatusCode.PreconditionFailed && attempt < 5) continue; // lost a race: again
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        }
    }

    private static async Task EnterAsync(HttpClient client, IReadOnlyDictionary<string, HttpClient> agencies, Generated g)
    {
        var created = g.Agency is { } agency
            ? (await SendAsync(agencies[agency], "/api/intake", new
            {
                externalRef = $"G{Year}-{agency}-{g.Index:D4}", regionCode = g.Village, category = g.Category, title = "移交的纠纷",
                description = "生成的测试数据", receivedAt = g.ReceivedAt, channel = "walk_in", riskLevel = "low",
                parties = new object[] { new { role = "applicant", kind = "person", name = "张某" } },
            }, 201)).GetProperty("case")
            : await SendAsync(client, "/api/cases", new
            {
                kind = g.Kind, title = g.Kind == "dispute" ? "纠纷" : "信访", description = "生成的测试数据", category = g.Category,
                petitionType = g.PetitionType, regionCode = g.Village, source = "application", channel = "walk_in", riskLevel = "low",
                receivedAt = g.ReceivedAt, partyCount = g.PartyCount, amountInvolved = g.Amount,
                parties = new object[] { new { role = "applicant", kind = "person", name = "张某" } },
            }, 201);
        var id = created.GetProperty("id").GetGuid();
        var path = $"/api/cases/{id}";
        if (g.Kind == "dispute")
        {
            if (g.Outcome is null) return;
            if (g.Outcome == "returned")
            {
                await SendAsync(client, $"{path}/return", new { occurredAt = g.OutcomeAt, reason = "不宜调解，退回" });
                return;
            }
            if (g.Outcome != "withdrawn") await SendAsync(client, $"{path}/start-mediation", new { occurredAt = g.ReceivedAt.AddMinutes(5) });
            // each action's own fields only: a field an operation does not define is refused (api.md, contract rules)
            object body = g.Outcome switch
            {
                "resolved" => new { occurredAt = g.OutcomeAt, agreementType = g.AgreementType, agreementSummary = "达成协议", escalationPrevented = g.EscalationPrevented },
                "unresolved" => new { occurredAt = g.OutcomeAt, reason = "当事人意见", advisedRoute = "litigation" },
                _ => new { occurredAt = g.OutcomeAt, reason = "当事人意见" },
            };
            await SendAsync(client, $"{path}/{(g.Outcome switch { "resolved" => "resolve", "unresolved" => "fail", _ => "withdraw" })}", body);
            return;
        }
        if (g.Outcome == "not_accepted")
        {
            await SendAsync(client, $"{path}/not-accept", new { occurredAt = g.OutcomeAt, reason = "不属于受理范围" });
            return;
        }
        if (g.AcceptedAt is null) return;
        await SendAsync(client, $"{path}/accept", new { occurredAt = g.AcceptedAt });
        if (g.Outcome is not null) await SendAsync(client, $"{path}/conclude", new { occurredAt = g.OutcomeAt, opinion = g.Opinion, summary = "已答复" });
    }

    /// <summary>The figures of product.md, counted straight from what was entered (no code shared with the service).</summary>
    private static Dictionary<string, object> Expected(List<Generated> all, string? village = null)
    {
        var cases = all.Where(g => village is null || g.Village == village).ToList();
        var d = cases.Where(g => g.Kind == "dispute").ToList();
        var p = cases.Where(g => g.Kind == "petition").ToList();
        var registered = d.Where(g => YearOf(g.ReceivedAt) == Year).ToList();
        List<Generated> Ended(string outcome) => d.Where(g => g.Outcome == outcome && YearOf(g.OutcomeAt) == Year).ToList();
        var resolved = Ended("resolved");
        var unresolved = Ended("unresolved").Count;
        var concluded = p.Where(g => g.Outcome?.StartsWith("concluded", StringComparison.Ordinal) == true && YearOf(g.OutcomeAt) == Year).ToList();
        var petitionsRegistered = p.Where(g => YearOf(g.ReceivedAt) == Year).ToList();
        var e = new Dictionary<string, object>
        {
            ["disputes.registered"] = registered.Count,
            ["disputes.resolved"] = resolved.Count,
            ["disputes.unresolved"] = unresolved,
            ["disputes.withdrawn"] = Ended("withdrawn").Count,
            ["disputes.transferred"] = Ended("returned").Count,
            ["disputes.inProgress"] = registered.Count(g => g.Outcome is null),
            ["disputes.successRate"] = Math.Round((double)resolved.Count / (resolved.Count + unresolved), 4),
            ["disputes.amountInvolved"] = registered.Sum(g => g.Amount),
            ["disputes.peopleInvolved"] = registered.Sum(g => g.PartyCount),
            ["disputes.escalationPrevented"] = resolved.Count(g => g.EscalationPrevented),
            ["disputes.byAgreementType.written"] = resolved.Count(g => g.AgreementType == "written"),
            ["disputes.byAgreementType.oral"] = resolved.Count(g => g.AgreementType == "oral"),
            ["disputes.bySource.application"] = registered.Count(g => g.Agency is null),
            ["disputes.byChannel.walk_in"] = registered.Count,
            ["petitions.registered"] = petitionsRegistered.Count,
            ["petitions.accepted"] = p.Count(g => YearOf(g.AcceptedAt) == Year),
            ["petitions.notAccepted"] = p.Count(g => g.Outcome == "not_accepted" && YearOf(g.OutcomeAt) == Year),
            ["petitions.transferred"] = 0,
            ["petitions.concluded"] = concluded.Count,
            // under 信访工作条例 Art. 34 only a claim has the 60-day period: a suggestion or accusation received from 1 May and
            // concluded after 75 days is not late; received before, it is (信访条例 2005 Art. 33)
            ["petitions.concludedOnTime"] = concluded.Count(OnTime),
            ["petitions.onTimeRate"] = Math.Round((double)concluded.Count(OnTime) / concluded.Count, 4),
            ["petitions.reviewsRequested"] = 0,
            ["sessions.scheduled"] = 0,
            ["sessions.held"] = 0,
            ["riskItems.opened"] = 0,
            ["riskItems.closed"] = 0,
        };
        foreach (var c in Categories)
        {
            e[$"disputes.byCategory.{c}.registered"] = registered.Count(g => g.Category == c);
            e[$"disputes.byCategory.{c}.resolved"] = resolved.Count(g => g.Category == c);
        }
        foreach (var v in new[] { "muer-g1", "muer-g2" }.Where(v => village is null || v == village))
        {
            e[$"disputes.byRegion.{v}.registered"] = registered.Count(g => g.Village == v);
            e[$"disputes.byRegion.{v}.resolved"] = resolved.Count(g => g.Village == v);
        }
        foreach (var t in PetitionTypes) e[$"petitions.byType.{t}"] = petitionsRegistered.Count(g => g.PetitionType == t);
        // intake by agency (三调对接 inbound): received in the year, each ending in the year it happened, still open
        foreach (var (agency, source) in new[] { ("police", "police_transfer"), ("court", "court_entrusted"), ("petition_office", "petition_transfer") })
        {
            e[$"intake.{agency}.received"] = registered.Count(g => g.Agency == agency);
            foreach (var (outcome, figure) in new[] { ("resolved", "resolved"), ("unresolved", "unresolved"), ("withdrawn", "withdrawn"), ("returned", "returned") })
                e[$"intake.{agency}.{figure}"] = Ended(outcome).Count(g => g.Agency == agency);
            e[$"intake.{agency}.open"] = registered.Count(g => g.Agency == agency && g.Outcome is null);
            if (agency != "petition_office") e[$"disputes.bySource.{source}"] = registered.Count(g => g.Agency == agency);
        }
        foreach (var o in Opinions) e[$"petitions.byOpinion.{o}"] = concluded.Count(g => g.Opinion == o);
        return e;
    }

    /// <summary>The first figure that differs from the expected one, or null.</summary>
    private static string? Mismatch(Dictionary<string, object> expected, JsonElement figures)
    {
        foreach (var (path, value) in expected)
        {
            var node = figures;
            foreach (var part in path.Split('.'))
                if (!node.TryGetProperty(part, out node)) return $"{path} missing";
            var ok = value switch
            {
                int n => node.GetInt32() == n,
                decimal m => node.GetDecimal() == m,
                double r => Math.Abs(node.GetDouble() - r) < 1e-9,
                _ => false,
            };
            if (!ok) return $"{path} expected {value}, got {node}";
        }
        return figures.GetProperty("referrals").EnumerateObject().Any() ? "referrals not empty" : null;
    }

    private static void AssertFigures(Dictionary<string, object> expected, JsonElement figures, string what)
    {
        var mismatch = Mismatch(expected, figures);
        Assert.True(mismatch is null, $"{what}: {mismatch}");
    }

    [Fact]
    public async Task A_generated_year_entered_through_the_case_service_gives_exactly_the_independently_counted_figures()
    {
        var town = await DemoTown.GetAsync(platform);
        using (var admin = platform.Client(platform.Gateway, town.AdminToken))
        {
            // Two villages without mediators: nothing is assigned automatically (with today's date) in between.
            foreach (var (code, name) in new[] { ("muer-g1", "白云村"), ("muer-g2", "石坪村") })
            {
                var r = await admin.PostAsJsonAsync("/api/regions", new { code, name, kind = "village", parentCode = "muer" });
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await r.Content.ReadAsStringAsync());
            }
        }
        Guid courtId;
        using (var admin = platform.Client(platform.Gateway, town.AdminToken))
            // the court that entrusts the generated year's 委派 disputes: it serves the two villages only
            courtId = (await DemoTown.Created(admin.PostAsJsonAsync("/api/organizations", new
            {
                name = "生成年法院 " + Guid.NewGuid().ToString("N")[..6], kind = "court", regionCode = "yubei", servesRegionCodes = new[] { "muer-g1", "muer-g2" },
            }))).GetProperty("id").GetGuid();
        using var cases = platform.Client(platform.Cases, TestTokens.Shared.Mint(Roles.Admin));
        using var policeSystem = platform.Client(platform.Cases, TestTokens.Shared.Mint(Roles.PoliceLiaison, ["muer"], organizationId: town.PoliceStationId));
        using var courtLiaison = platform.Client(platform.Cases, TestTokens.Shared.Mint(Roles.CourtLiaison, ["muer"], organizationId: courtId));
        var agencies = new Dictionary<string, HttpClient> { ["police"] = policeSystem, ["court"] = courtLiaison };
        static bool Known((string Probe, HttpStatusCode Court) d) =>
            !d.Probe.Contains("not in the directory") && d.Court == HttpStatusCode.BadRequest;
        var known = await Eventually.ValueAsync(async () =>
        {
            var probe = await cases.PostAsJsonAsync("/api/cases", new { kind = "dispute", regionCode = "muer-g2" });
            var court = await courtLiaison.PostAsJsonAsync("/api/intake", new { regionCode = "muer-g2" }); // 400 once the court is known, 403 before
            return (Probe: await probe.Content.ReadAsStringAsync(), Court: court.StatusCode);
        }, Known, TimeSpan.FromSeconds(10), 100);
        Assert.True(Known(known), "the generated villages and the court never reached the case service within 10 s: "
            + $"a case in muer-g2 was answered {known.Probe}; the court's intake there {(int)known.Court}");

        var generated = Generate();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(generated.Select(async g =>
        {
            await gate.WaitAsync();
            try { await EnterAsync(cases, agencies, g); }
            finally { gate.Release(); }
        }));
        var entered = clock.Elapsed;

        var expected = Expected(generated);
        using var statistician = platform.Client(platform.Reporting, TestTokens.Shared.Mint(Roles.Statistician));
        JsonElement summary = default;
        var caughtUp = await Eventually.TrueAsync(async () =>
        {
            summary = (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode=muer")).GetProperty("figures");
            return Mismatch(expected, summary) is null;
        }, TimeSpan.FromSeconds(60), 250);
        Assert.True(caughtUp, $"figures never caught up: {summary}");
        AssertFigures(expected, summary, "summary muer");
        Assert.True(summary.GetProperty("mediators").GetProperty("active").GetInt32() >= 1); // 王调解员 (not year-bound)
        foreach (var v in new[] { "muer-g1", "muer-g2" })
        {
            var village = (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode={v}")).GetProperty("figures");
            AssertFigures(Expected(generated, v), village, $"summary {v}");
        }
        var district = (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode=yubei")).GetProperty("figures");
        AssertFigures(expected, district, "summary yubei"); // the district rolls up the town: the only cases of that year

        // figures beyond the expected ones (overdue marks of the legal clock's check, every second here) may still move:
        // the snapshot is compared with the summary once nothing has moved for a second
        var stable = await Eventually.TrueAsync(async () =>
        {
            var before = summary.GetRawText();
            await Task.Delay(1000);
            summary = (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode=muer")).GetProperty("figures");
            return summary.GetRawText() == before;
        }, TimeSpan.FromSeconds(60), 0);
        Assert.True(stable, "the figures never settled");
        var run = await statistician.PostAsync($"/api/reports/annual/{Year}?regionCode=muer", null);
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var snapshot = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("figures");
        AssertFigures(expected, snapshot, "snapshot muer");
        Assert.Equal(summary.GetRawText(), snapshot.GetRawText());

        var bothRegimes = generated.Where(g => g.Kind == "petition" && g.PetitionType != "claim" && g.Outcome == "concluded_late")
            .GroupBy(g => g.ReceivedAt >= PetitionWorkRegulationFrom).Select(x => x.Key).ToList();
        Assert.True(bothRegimes.Count == 2, "the generated year must hold late non-claim petitions of both regulations");

        // a rebuild of the reporting projections from the case service's log gives the same figures, both regimes included
        using (var admin = platform.Client(platform.Reporting, town.AdminToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/reports/rebuild", null)).StatusCode);
            var status = await Eventually.ValueAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/reports/rebuild"),
                s => s.GetProperty("status").GetString() is "done" or "failed", TimeSpan.FromSeconds(120), 200);
            Assert.True(status.GetProperty("status").GetString() is "done" or "failed", $"the rebuild never finished within 120 s: {status}");
            Assert.True(status.GetProperty("status").GetString() == "done", status.ToString());
            var rebuilt = (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode=muer")).GetProperty("figures");
            Assert.True(summary.GetRawText() == rebuilt.GetRawText(), $"rebuilt figures differ:\nbefore {summary}\nafter  {rebuilt}");
        }

        var md = await statistician.GetStringAsync($"/api/reports/annual/{Year}?regionCode=muer&format=md");
        Assert.Contains($"{Year} 年木耳镇共化解各类矛盾纠纷 {expected["disputes.resolved"]} 起", md);
        Assert.Contains($"{Year} 年木耳镇共受理各类矛盾纠纷 {expected["disputes.registered"]} 起", md);
        Assert.Contains($"{Year} 年成功办结信访事项 {expected["petitions.concluded"]} 件。", md);
        Assert.Contains($"| 白云村 | {expected["disputes.byRegion.muer-g1.registered"]} | {expected["disputes.byRegion.muer-g1.resolved"]} |", md);
        Assert.Contains($"| 邻里纠纷 | {expected["disputes.byCategory.neighbourhood.registered"]} | {expected["disputes.byCategory.neighbourhood.resolved"]} |", md);
        Console.WriteLine($"generated year: {generated.Count} cases entered in {entered.TotalSeconds:0.0} s, all figures checked after {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
