using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.Reporting.Tests;

public sealed class OpenApiContractTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task The_served_OpenAPI_document_is_the_committed_one()
    {
        using var client = fixture.Factory.CreateClient();
        await OpenApiContract.AssertCommittedAsync(client, "reporting");
    }

    [Fact]
    public async Task Every_request_limit_the_document_declares_is_the_one_the_service_enforces()
    {
        using var client = fixture.Factory.ClientWithToken(TestTokens.Shared.Mint(Roles.All, ["yubei"]));
        var (failures, probes) = await ContractLimits.CheckAsync(client, "reporting");
        Assert.True(probes >= 20, $"only {probes} probes: does the document declare its request limits?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} probes failed:\n" + string.Join("\n", failures.Take(40)));
    }
}
