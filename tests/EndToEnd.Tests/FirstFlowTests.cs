using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class FirstFlowTests(PlatformFixture platform)
{
    private async Task<int> RegisteredDisputesAsync(HttpClient statistician, int year, string region) =>
        (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}&regionCode={region}"))
            .GetProperty("figures").GetProperty("disputes").GetProperty("registered").GetInt32();

    [Fact]
    public async Task A_dispute_registered_through_the_gateway_is_assigned_and_counted_within_two_seconds()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        using var statistician = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.Statistician));
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var before = await DemoTown.SettledAsync(() => RegisteredDisputesAsync(statistician, year, "muer"));

        var clock = Stopwatch.StartNew();
        var created = await DemoTown.Created(mediator.PostAsJsonAsync("/api/cases", DemoTown.Dispute(town.Village)));
        var id = created.GetProperty("id").GetGuid();
        JsonElement current = default;
        var counted = before;
        var done = await Eventually.TrueAsync(async () =>
        {
            current = await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
            return current.GetProperty("status").GetString() == "assigned"
                && (counted = await RegisteredDisputesAsync(statistician, year, "muer")) == before + 1;
        }, TimeSpan.FromSeconds(2), 25);
        clock.Stop();

        Assert.True(done, $"not assigned and counted within 2 s (status {current.GetProperty("status")}, registered {counted} after {before}, {clock.ElapsedMilliseconds} ms)");
        Assert.Equal(town.MediatorId, current.GetProperty("assignedMediatorId").GetGuid());
        Assert.True(await RegisteredDisputesAsync(statistician, year, town.Village) >= 1);
        var timeline = await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline");
        Assert.Equal(["registered", "assigned"], timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Without_a_valid_token_the_gateway_and_every_service_answer_401()
    {
        var targets = new (Uri Base, string Path)[]
        {
            (platform.Gateway, "/api/cases"), (platform.Gateway, "/api/regions"), (platform.Gateway, "/api/reports/summary?year=2021"),
            (platform.Gateway, "/api/users"),
            (platform.Cases, "/api/cases"), (platform.Mediators, "/api/regions"), (platform.Reporting, "/api/reports/summary?year=2021"),
        };
        foreach (var (baseUri, path) in targets)
        {
            using var client = platform.Client(baseUri);
            await AuthAssertions.RejectsBadTokensAsync(client, path);
        }
    }

    [Fact]
    public async Task A_token_from_the_gateway_is_accepted_by_each_service_directly()
    {
        var town = await DemoTown.GetAsync(platform);
        using var cases = platform.Client(platform.Cases, town.MediatorToken);
        Assert.Equal(HttpStatusCode.OK, (await cases.GetAsync("/api/cases")).StatusCode);
        using var mediators = platform.Client(platform.Mediators, town.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await mediators.GetAsync("/api/regions")).StatusCode);
    }
}
