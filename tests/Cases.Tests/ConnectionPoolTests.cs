using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// More registrations at once than the service has connections: each one waits its turn and none waits for ever. A
/// registration takes its number on a connection of its own from inside its unit of work; from the same pool, a burst
/// that filled the pool left every request holding one connection and waiting for a second (benchmark run 18, ADR 0017).
/// </summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task A_burst_of_registrations_larger_than_the_connection_pool_registers_every_case()
    {
        await using var f = await CasesFactory.StartAsync(d => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Cases"] = d.ConnectionString + ";Maximum Pool Size=3;Timeout=5",
        });
        await f.SeedRegionsAsync();
        using var client = f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Village], mediatorId: Guid.NewGuid()));

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute())));
        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.All(s => s == (int)HttpStatusCode.Created),
            "every registration of the burst should be made (a pool of 3 connections): " + string.Join(",", statuses));
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()));
        Assert.Equal(24, numbers.Distinct().Count());
    }
}
