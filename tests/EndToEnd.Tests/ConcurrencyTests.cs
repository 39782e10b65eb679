using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using Xunit.Abstractions;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// A township's busy day against the four real processes: on every case a mediator, the police station's system, a
/// supervisor and the overdue check act at once, in a random order (seeded, printed) — the mediator starts mediation
/// and resolves, the police system accepts and completes a referral (which comes back through the consumers), the
/// supervisor corrects the risk level, adds a note and reassigns, and back-dated cases are marked overdue by the
/// check while this happens. None of the clients sent If-Match, so none may see a race: no 409 "concurrent change",
/// no 412, no 5xx. Afterwards every case has every change on its timeline exactly once with contiguous versions, its
/// final state is the intended one, and the reporting figures count exactly these cases.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConcurrencyTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Cases = 96;
    private const int Wave = 16;
    private static readonly string[] Versioned =
        ["registered", "assigned", "reassigned", "mediation_started", "resolved", "edited", "note", "referred", "referral_accepted", "referral_completed"];

    private sealed record Outcome(string Actor, string Step, HttpStatusCode Status, string Body);
    private sealed record VillageFigures(int Registered, int Resolved, int InProgress, int EscalationPrevented, int PoliceCompleted, int Overdue);

    [Fact]
    public async Task Many_actors_on_the_same_cases_never_see_a_race_and_every_change_lands_once()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var town = await DemoTown.GetAsync(platform);
        using var admin = platform.Client(platform.Gateway, town.AdminToken);

        // a village of its own, so that the figures can be checked exactly; two mediators who serve it
        var village = "muer-c" + Guid.NewGuid().ToString("N")[..6];
        await DemoTown.Created(admin.PostAsJsonAsync("/api/regions", new { code = village, name = "并发村", kind = "village", parentCode = "muer" }));
        var committee = await DemoTown.Created(admin.PostAsJsonAsync("/api/organizations",
            new { name = "并发村调委会 " + village, kind = "mediation_committee", regionCode = village, servesRegionCodes = new[] { village } }));
        var mediatorIds = new List<Guid>();
        foreach (var name in new[] { "甲", "乙" })
            mediatorIds.Add((await DemoTown.Created(admin.PostAsJsonAsync("/api/mediators", new
            {
                name = "调解员" + name, phone = "13900000000", kind = "village", organizationId = committee.GetProperty("id").GetGuid(),
                regionCodes = new[] { village }, specialties = new[] { "neighbourhood" }, maxActiveCases = 1000,
            }))).GetProperty("id").GetGuid());
        using var mediator = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.Mediator, [village], mediatorId: mediatorIds[0], subject: "conc-mediator"));
        using var supervisor = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.Supervisor, ["muer"], subject: "conc-supervisor"));
        using var police = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.PoliceLiaison, ["muer"], organizationId: town.PoliceStationId, subject: "conc-police"));
        // an incomplete case is refused (400), and no longer because its region is "not in the directory", once the village is known
        static bool Known((HttpStatusCode Status, string? Body) p) =>
            p.Status == HttpStatusCode.BadRequest && p.Body is { } body && !body.Contains("not in the directory");
        var probe = await Eventually.ValueAsync(async () =>
        {
            var status = (await mediator.PostAsJsonAsync("/api/cases", new { kind = "dispute", regionCode = village })).StatusCode;
            var body = status == HttpStatusCode.BadRequest // the text of a second answer, asked for only after a 400
                ? await (await mediator.PostAsJsonAsync("/api/cases", new { kind = "dispute", regionCode = village })).Content.ReadAsStringAsync()
                : null;
            return (Status: status, Body: body);
        }, Known, TimeSpan.FromSeconds(20), 100);
        Assert.True(Known(probe), $"the village {village} should reach the case service's directory within 20 s; a case there was answered "
            + $"{(int)probe.Status} {probe.Body}");

        var outcomes = new ConcurrentBag<Outcome>();
        var caseIds = new ConcurrentBag<(Guid Id, bool BackDated)>();
        async Task<JsonElement> Call(HttpClient client, string actor, string step, HttpMethod method, string url, object? body = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            outcomes.Add(new Outcome(actor, step, response.StatusCode, text));
            return text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        }
        async Task Jitter() => await Task.Delay(random.Next(0, 25));

        async Task OneCase(int i)
        {
            var backDated = i % 3 == 0; // two months old: the overdue check wants to mark it while the others act
            var created = await DemoTown.Created(mediator.PostAsJsonAsync("/api/cases", new
            {
                kind = "dispute", title = $"并发 {i}", category = "neighbourhood", regionCode = village, source = "application", channel = "walk_in",
                riskLevel = "low", receivedAt = backDated ? DateTimeOffset.UtcNow.AddMonths(-2) : (DateTimeOffset?)null,
                parties = new object[] { new { role = "applicant", kind = "person", name = "张某" } },
            }));
            var id = created.GetProperty("id").GetGuid();
            caseIds.Add((id, backDated));
            var referred = await Call(mediator, "mediator", "refer", HttpMethod.Post, $"/api/cases/{id}/referrals",
                new { agency = "police", reason = "可能激化", whole = false });
            var referralId = referred.GetProperty("referrals")[0].GetProperty("id").GetGuid();
            var seen = await Eventually.ValueAsync(async () => (await police.GetAsync($"/api/referrals/{referralId}")).StatusCode,
                s => (int)s is >= 200 and <= 299, TimeSpan.FromSeconds(30), 50);
            Assert.True((int)seen is >= 200 and <= 299,
                $"case {id}: the referral should reach the police inbox within 30 s; it answered {(int)seen}");

            // the actors, started together in a random order
            var actors = new List<Func<Task>>
            {
                async () =>
                {
                    await Jitter();
                    await Call(mediator, "mediator", "start-mediation", HttpMethod.Post, $"/api/cases/{id}/start-mediation", new { });
                    await Jitter();
                    await Call(mediator, "mediator", "resolve", HttpMethod.Post, $"/api/cases/{id}/resolve",
                        new { agreementType = "written", agreementSummary = "达成协议", escalationPrevented = true });
                },
                async () =>
                {
                    await Jitter();
                    await Call(police, "police", "accept", HttpMethod.Post, $"/api/referrals/{referralId}/accept", new { });
                    await Jitter();
                    await Call(police, "police", "complete", HttpMethod.Post, $"/api/referrals/{referralId}/complete", new { outcome = "handled", summary = "已处理" });
                },
                async () =>
                {
                    await Jitter();
                    await Call(supervisor, "supervisor", "patch", HttpMethod.Patch, $"/api/cases/{id}", new { riskLevel = "high" });
                    await Jitter();
                    await Call(supervisor, "supervisor", "note", HttpMethod.Post, $"/api/cases/{id}/notes", new { text = "督办：请尽快化解" });
                },
                async () =>
                {
                    await Jitter();
                    await Call(supervisor, "supervisor", "reassign", HttpMethod.Post, "/api/assignments",
                        new { caseId = id, mediatorId = mediatorIds[1], reason = "回避" });
                },
            };
            await Task.WhenAll(actors.OrderBy(_ => random.Next()).Select(a => a()));
        }

        for (var wave = 0; wave < Cases / Wave; wave++)
            await Task.WhenAll(Enumerable.Range(wave * Wave, Wave).Select(OneCase));

        // 1. no client saw a race: everything answered 2xx, except a reassignment the mediator service refused because
        //    the case had ended or had not reached it yet — a business answer, not a race
        static bool Legitimate(Outcome o) => o.Step == "reassign" && (int)o.Status is 404 or 409 && !o.Body.Contains("Concurrent", StringComparison.Ordinal);
        var failures = outcomes.Where(o => !((int)o.Status is >= 200 and < 300) && !Legitimate(o)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10).Select(f => $"{f.Actor} {f.Step}: {(int)f.Status} {f.Body}")));
        Assert.Equal(Cases * 7, outcomes.Count(o => o.Step != "reassign"));
        var reassigned = outcomes.Count(o => o.Step == "reassign" && o.Status == HttpStatusCode.Created);
        output.WriteLine($"{outcomes.Count} calls; {reassigned} reassignments accepted");

        // 2. every change on the timeline once, versions contiguous; final states as intended
        var overdueCases = 0;
        foreach (var (id, backDated) in caseIds)
        {
            // The case and its timeline are two reads, and a reassignment reaches the case asynchronously (the mediator
            // service's MediatorAssigned event), so it can land between them. Wait until the pair is settled: the referral
            // completed and the case's version equal to the number of versioned entries on the timeline. A version lost or
            // written twice never settles, and the assertions below then say which.
            static int VersionedEntries(JsonElement timeline) =>
                timeline.EnumerateArray().Count(e => Versioned.Contains(e.GetProperty("action").GetString()!));
            var (c, timeline) = await Eventually.ValueAsync(async () => (Case: await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}"),
                    Timeline: await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline")),
                s => s.Case.GetProperty("referrals")[0].GetProperty("status").GetString() == "completed"
                    && s.Case.GetProperty("version").GetInt32() == VersionedEntries(s.Timeline), TimeSpan.FromSeconds(60), 200);
            Assert.True(c.GetProperty("referrals")[0].GetProperty("status").GetString() == "completed", $"case {id}: the referral steps should land "
                + $"within 60 s; referral {c.GetProperty("referrals")[0].GetProperty("status")}, "
                + $"timeline {string.Join(", ", timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()))}");
            var entries = timeline.EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString()!, Version: e.GetProperty("version").GetInt32())).ToList();
            foreach (var once in new[] { "registered", "mediation_started", "resolved", "edited", "note", "referred", "referral_accepted", "referral_completed" })
                Assert.True(entries.Count(e => e.Action == once) == 1, $"case {id}: '{once}' {entries.Count(e => e.Action == once)} times");
            // a case resolved before the mediator service heard of it is, rightly, never assigned (it had ended)
            Assert.True(entries.Count(e => e.Action == "assigned") <= 1 && entries.Count(e => e.Action == "reassigned") <= 1);
            Assert.True(entries.Count(e => e.Action == "overdue") <= (backDated ? 1 : 0), $"case {id}: overdue notices");
            if (entries.Any(e => e.Action == "overdue")) overdueCases++;
            var versions = entries.Where(e => Versioned.Contains(e.Action)).Select(e => e.Version).OrderBy(v => v).ToList();
            Assert.Equal(Enumerable.Range(1, versions.Count), versions); // one version per change, none lost, none twice
            Assert.True(versions.Count == c.GetProperty("version").GetInt32(), $"case {id}: version {c.GetProperty("version").GetInt32()} after 60 s, "
                + $"but {versions.Count} versioned entries on the timeline: {string.Join(", ", entries.Select(e => $"{e.Action} v{e.Version}"))}");
            Assert.Equal("resolved", c.GetProperty("status").GetString());
            Assert.Equal("high", c.GetProperty("riskLevel").GetString());
            Assert.Equal("handled", c.GetProperty("referrals")[0].GetProperty("outcome").GetString());
        }
        output.WriteLine($"{overdueCases} of {caseIds.Count(c => c.BackDated)} back-dated cases were marked overdue before they were resolved");

        // 3. the figures count exactly these cases (by the CST year of each event; back-dated ones registered two months ago)
        var years = new[] { DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMonths(-2) }.Select(t => t.ToOffset(TimeSpan.FromHours(8)).Year).Distinct().ToArray();
        using var statistician = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.Statistician));
        JsonElement Figures(JsonElement summary) => summary.GetProperty("figures");
        var expected = new VillageFigures(Registered: Cases, Resolved: Cases, InProgress: 0, EscalationPrevented: Cases, PoliceCompleted: Cases,
            Overdue: overdueCases);
        var counted = await Eventually.ValueAsync(async () =>
        {
            var figures = new List<JsonElement>();
            foreach (var y in years)
                figures.Add(Figures(await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={y}&regionCode={village}")));
            int Sum(Func<JsonElement, int> pick) => figures.Sum(pick);
            return new VillageFigures(
                Sum(f => f.GetProperty("disputes").GetProperty("registered").GetInt32()),
                Sum(f => f.GetProperty("disputes").GetProperty("resolved").GetInt32()),
                Sum(f => f.GetProperty("disputes").GetProperty("inProgress").GetInt32()),
                Sum(f => f.GetProperty("disputes").GetProperty("escalationPrevented").GetInt32()),
                Sum(f => f.GetProperty("referrals").TryGetProperty("police", out var p) ? p.GetProperty("completed").GetInt32() : 0),
                Sum(f => f.GetProperty("overdue").GetProperty("disputes").GetInt32()));
        }, v => v == expected, TimeSpan.FromSeconds(60), 500);
        Assert.True(counted == expected,
            $"the figures should count exactly the cases of this village within 60 s: expected {expected}, counted {counted}");
    }
}
