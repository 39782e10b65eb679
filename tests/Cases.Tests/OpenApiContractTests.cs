using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.Cases.Tests;

[Collection(CasesCollection.Name)]
public sealed class OpenApiContractTests(CasesFixture fixture)
{
    [Fact]
    public async Task The_served_OpenAPI_document_is_the_committed_one()
    {
        using var client = fixture.Factory.CreateClient();
        await OpenApiContract.AssertCommittedAsync(client, "cases");
    }

    [Fact]
    public async Task Every_request_limit_the_document_declares_is_the_one_the_service_enforces()
    {
        using var client = fixture.Factory.ClientWithToken(TestTokens.Shared.Mint(Roles.All, ["yubei"]));
        var (failures, probes) = await ContractLimits.CheckAsync(client, "cases");
        Assert.True(probes >= 20, $"only {probes} probes: does the document declare its request limits?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} probes failed:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void The_request_examples_of_the_document_are_read_by_the_service_as_they_are()
    {
        var (problems, count) = RequestExamples.Check(fixture.Factory.Services, typeof(MediationPlatform.Cases.CasesService).Assembly);
        Assert.True(count >= 5, $"only {count} request examples");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
