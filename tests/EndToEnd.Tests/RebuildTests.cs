using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>The reporting projections rebuilt from the real case service's event log while cases keep being registered.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RebuildTests(PlatformFixture platform)
{
    private const int Year = 2024; // registrations of this test only (GeneratedYearTests owns 2022)

    [Fact]
    public async Task The_case_service_serves_its_event_log_in_order_to_admins_only()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        for (var i = 0; i < 3; i++) await DemoTown.Created(mediator.PostAsJsonAsync("/api/cases", DemoTown.Dispute(town.Village)));
        using var statistician = platform.Client(platform.Cases, TestTokens.Shared.Mint(Roles.Statistician));
        Assert.Equal(HttpStatusCode.Forbidden, (await statistician.GetAsync("/api/event-log")).StatusCode);
        using var admin = platform.Client(platform.Cases, TestTokens.Shared.Mint(Roles.Admin));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/event-log?limit=0")).StatusCode);
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/event-log?after=0&limit=2");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.True(page.GetProperty("more").GetBoolean());
        var positions = items.Select(i => i.GetProperty("position").GetInt64()).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions[^1], page.GetProperty("last").GetInt64());
        Assert.Equal("CaseRegistered", items[0].GetProperty("type").GetString());
        Assert.False(items[0].GetProperty("payload").TryGetProperty("parties", out _)); // events carry no personal data
        var next = await admin.GetFromJsonAsync<JsonElement>($"/api/event-log?after={positions[^1]}&limit=1000");
        Assert.NotEmpty(next.GetProperty("items").EnumerateArray());
        Assert.All(next.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("position").GetInt64() > positions[^1]));

        // types: only the events of those types, at their own positions (the rebuild asks for what it projects)
        // (the log starts with a CaseRegistered, asserted above; the disputes' assignments add CaseUpdated within a second or two)
        var updateTypes = await Eventually.ValueAsync(async () =>
                (await admin.GetFromJsonAsync<JsonElement>("/api/event-log?after=0&limit=5000&types=CaseUpdated,MediationStarted"))
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()).ToList(),
            t => t.Count > 0, TimeSpan.FromSeconds(10));
        Assert.True(updateTypes.Count > 0 && updateTypes.All(t => t is "CaseUpdated" or "MediationStarted"),
            "types=CaseUpdated,MediationStarted should answer those alone; got " + string.Join(", ", updateTypes.Distinct()));
        var unknown = await admin.GetAsync("/api/event-log?types=CaseUpdated,NoSuchEvent");
        Assert.True(unknown.StatusCode == HttpStatusCode.BadRequest,
            $"an unknown type name should answer 400; got {(int)unknown.StatusCode} {await unknown.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_rebuild_from_the_case_service_log_keeps_the_figures_and_counts_cases_registered_meanwhile()
    {
        var town = await DemoTown.GetAsync(platform);
        using var cases = platform.Client(platform.Cases, TestTokens.Shared.Mint(Roles.Admin));
        object Dispute(int i) => new
        {
            kind = "dispute", title = "纠纷", description = "重建测试", category = "contract", regionCode = town.Village, source = "application",
            channel = "phone", riskLevel = "low", receivedAt = new DateTimeOffset(Year, 1 + i % 12, 10, 10, 0, 0, TimeSpan.FromHours(8)),
            parties = new object[] { new { role = "applicant", kind = "person", name = "赵某" } },
        };
        for (var i = 0; i < 30; i++) await DemoTown.Created(cases.PostAsJsonAsync("/api/cases", Dispute(i)));

        using var statistician = platform.Client(platform.Reporting, TestTokens.Shared.Mint(Roles.Statistician));
        async Task<JsonElement> FigureSet(int year) =>
            (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}&regionCode=muer")).GetProperty("figures");
        static int Registered(JsonElement summary) => summary.GetProperty("disputes").GetProperty("registered").GetInt32();
        var figures = await Eventually.ValueAsync(() => FigureSet(Year), f => Registered(f) == 30, TimeSpan.FromSeconds(20));
        Assert.True(Registered(figures) == 30, $"the {Year} figures should count the 30 disputes within 20 s; they are {figures}");
        await Task.Delay(1000); // assignments settle
        var thisYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var before = (await FigureSet(Year)).GetRawText();
        var beforeNow = (await FigureSet(thisYear)).GetRawText();

        using var admin = platform.Client(platform.Reporting, town.AdminToken); // forwarded to the case service
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/reports/rebuild", null)).StatusCode);
        for (var i = 30; i < 40; i++) await DemoTown.Created(cases.PostAsJsonAsync("/api/cases", Dispute(i))); // during the rebuild
        var status = await Eventually.ValueAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/reports/rebuild"),
            s => s.GetProperty("status").GetString() is "done" or "failed", TimeSpan.FromSeconds(60), 100);
        Assert.True(status.GetProperty("status").GetString() is "done" or "failed", $"the rebuild should end within 60 s; its status is {status}");
        Assert.True(status.GetProperty("status").GetString() == "done", status.ToString());
        Assert.True(status.GetProperty("eventsApplied").GetInt64() > 0);
        var seconds = (status.GetProperty("finishedAt").GetDateTimeOffset() - status.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        Console.WriteLine($"rebuild: {status.GetProperty("eventsRead").GetInt64()} events read, {status.GetProperty("eventsApplied").GetInt64()} applied in {seconds:0.000} s");

        var rebuilt = await Eventually.ValueAsync(() => FigureSet(Year), f => Registered(f) == 40, TimeSpan.FromSeconds(20));
        Assert.True(Registered(rebuilt) == 40, $"the rebuilt {Year} figures should count all 40 disputes within 20 s; they are {rebuilt}");
        await Task.Delay(1000);
        var after = await FigureSet(Year);
        Assert.Equal(40, after.GetProperty("disputes").GetProperty("registered").GetInt32());
        Assert.Equal(40, after.GetProperty("disputes").GetProperty("inProgress").GetInt32());
        Assert.Equal(40, after.GetProperty("disputes").GetProperty("byCategory").GetProperty("contract").GetProperty("registered").GetInt32());
        // this year's figures (other tests' cases) were rebuilt identically
        Assert.Equal(beforeNow, (await FigureSet(thisYear)).GetRawText());
        Assert.NotEqual(before, after.GetRawText());
    }
}
