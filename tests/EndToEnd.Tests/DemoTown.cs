using System.Net.Http.Json;
using System.Text.Json;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>The first flow's directory, made through the gateway by an admin: region tree, committee, mediator, login.</summary>
public sealed record DemoTown(string AdminToken, string MediatorToken, Guid MediatorId, string Village, Guid PoliceStationId, string PoliceClientId, string PoliceClientSecret)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static DemoTown? _instance;

    public static async Task<DemoTown> GetAsync(PlatformFixture platform)
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await CreateAsync(platform);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<DemoTown> CreateAsync(PlatformFixture p)
    {
        var adminToken = await p.TokenAsync("admin", PlatformFixture.AdminPassword);
        using var admin = p.Client(p.Gateway, adminToken);
        await Created(admin.PostAsJsonAsync("/api/regions", new { code = "yubei", name = "渝北区", kind = "district" }));
        await Created(admin.PostAsJsonAsync("/api/regions", new { code = "muer", name = "木耳镇", kind = "town", parentCode = "yubei" }));
        await Created(admin.PostAsJsonAsync("/api/regions", new { code = "muer-v01", name = "金刚村", kind = "village", parentCode = "muer" }));
        var committee = await Created(admin.PostAsJsonAsync("/api/organizations",
            new { name = "木耳镇人民调解委员会", kind = "mediation_committee", regionCode = "muer", servesRegionCodes = new[] { "muer" } }));
        var mediator = await Created(admin.PostAsJsonAsync("/api/mediators", new
        {
            name = "王调解员", phone = "13800000001", kind = "village", organizationId = committee.GetProperty("id").GetGuid(),
            regionCodes = new[] { "muer-v01" }, specialties = new[] { "neighbourhood" }, maxActiveCases = 50,
        }));
        var mediatorId = mediator.GetProperty("id").GetGuid();
        await Created(admin.PostAsJsonAsync("/api/users", new
        {
            userName = "wang", password = "Mediator-pass-1", displayName = "王调解员", roles = new[] { "mediator" },
            regionCodes = new[] { "muer-v01" }, mediatorId,
        }));
        var mediatorToken = await p.TokenAsync("wang", "Mediator-pass-1");
        var police = await Created(admin.PostAsJsonAsync("/api/organizations",
            new { name = "木耳派出所", kind = "police_station", regionCode = "muer", servesRegionCodes = new[] { "muer" } }));
        var policeId = police.GetProperty("id").GetGuid();
        await Created(admin.PostAsJsonAsync("/api/clients", new
        {
            clientId = "muer-police-system", clientSecret = "police-system-secret-1", displayName = "木耳派出所警务系统",
            roles = new[] { "police_liaison" }, regionCodes = new[] { "muer" }, organizationId = policeId,
        }));
        // The case service learns regions from RegionRegistered: wait until the village is usable there.
        using var cases = p.Client(p.Gateway, mediatorToken);
        var usable = await TestKit.Eventually.TrueAsync(async () =>
            !(await (await cases.PostAsJsonAsync("/api/cases", Probe())).Content.ReadAsStringAsync()).Contains("not in the directory"),
            TimeSpan.FromSeconds(10), 100);
        if (!usable) throw new InvalidOperationException("the village never became usable for registering cases");
        return new DemoTown(adminToken, mediatorToken, mediatorId, "muer-v01", policeId, "muer-police-system", "police-system-secret-1");
    }

    /// <summary>An invalid registration (no title) that still names a region: answers whether the region is known.</summary>
    private static object Probe() => new { kind = "dispute", category = "other", regionCode = "muer-v01", source = "application", channel = "walk_in", riskLevel = "low" };

    /// <summary>
    /// A figure once it stopped moving (unchanged over 300 ms, at most 10 s): what earlier tests registered may still be
    /// on its way to the projections, which take their events in batches (ADR 0017) — so that "+1" afterwards is the
    /// caller's own case.
    /// </summary>
    public static async Task<int> SettledAsync(Func<Task<int>> read)
    {
        var value = await read();
        for (var waited = 0; waited < 10_000; waited += 300)
        {
            await Task.Delay(300);
            var again = await read();
            if (again == value) break;
            value = again;
        }
        return value;
    }

    public static object Dispute(string region, string title = "邻里纠纷") => new
    {
        kind = "dispute", title, description = "相邻排水纠纷", category = "neighbourhood", regionCode = region,
        source = "application", channel = "walk_in", riskLevel = "low",
        parties = new object[] { new { role = "applicant", kind = "person", name = "张某" }, new { role = "respondent", kind = "person", name = "李某" } },
    };

    public static async Task<JsonElement> Created(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201) throw new InvalidOperationException($"expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
