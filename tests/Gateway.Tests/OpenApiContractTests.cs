using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.Gateway.Tests;

public sealed class OpenApiContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_served_OpenAPI_document_is_the_committed_one()
    {
        using var client = fixture.Factory.CreateClient();
        await OpenApiContract.AssertCommittedAsync(client, "gateway");
    }

    [Fact]
    public async Task Every_request_limit_the_document_declares_is_the_one_the_service_enforces()
    {
        using var client = fixture.Factory.ClientWithToken(TestTokens.Shared.Mint(Roles.All, ["yubei"]));
        var (failures, probes) = await ContractLimits.CheckAsync(client, "gateway");
        Assert.True(probes >= 20, $"only {probes} probes: does the document declare its request limits?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} probes failed:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void The_request_examples_of_the_document_are_read_by_the_service_as_they_are()
    {
        var (problems, count) = RequestExamples.Check(fixture.Factory.Services, typeof(MediationPlatform.Gateway.GatewayService).Assembly);
        Assert.True(count >= 1, $"only {count} request examples");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
