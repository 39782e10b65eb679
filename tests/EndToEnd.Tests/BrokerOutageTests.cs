using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class BrokerOutageTests(PlatformFixture platform)
{
    private async Task RabbitMqCtlAsync(string command)
    {
        var ctl = platform.Infrastructure.RabbitMqCtl
            ?? throw new InvalidOperationException("MP_RABBITMQCTL is not set: run the tests with ./test.sh");
        var info = new ProcessStartInfo("bash", ["-c", $"{ctl} {command}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {command} failed: {await process.StandardError.ReadToEndAsync()}");
    }

    [Fact]
    public async Task A_dispute_registered_while_RabbitMQ_is_stopped_is_still_assigned_and_counted_once_after_it_returns()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        using var statistician = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.Statistician));
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        async Task<int> Registered() => (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}&regionCode=muer"))
            .GetProperty("figures").GetProperty("disputes").GetProperty("registered").GetInt32();
        var before = await DemoTown.SettledAsync(Registered);

        Guid id;
        await RabbitMqCtlAsync("stop_app");
        try
        {
            var response = await mediator.PostAsJsonAsync("/api/cases", DemoTown.Dispute(town.Village, "断网期间登记的纠纷"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode); // the write does not depend on the broker
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await Task.Delay(2000);
            var during = await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
            Assert.Equal("registered", during.GetProperty("status").GetString());
        }
        finally
        {
            await RabbitMqCtlAsync("start_app");
        }

        var assigned = await Eventually.TrueAsync(async () =>
            (await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("status").GetString() == "assigned"
            && await Registered() == before + 1,
            TimeSpan.FromSeconds(120), 500);
        Assert.True(assigned, "the case should be assigned and counted after the broker returns");

        await Task.Delay(3000); // a late duplicate would show up now
        Assert.Equal(before + 1, await Registered());
        using var admin = platform.Client(platform.Gateway, town.AdminToken);
        var assignments = (await admin.GetFromJsonAsync<JsonElement>($"/api/assignments?caseId={id}")).Items();
        Assert.Equal(1, assignments.GetArrayLength());
        var timeline = await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline");
        Assert.Equal(["registered", "assigned"], timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }
}
