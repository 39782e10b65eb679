using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.Mediators.Tests;

[Collection(MediatorsCollection.Name)]
public sealed class OpenApiContractTests(MediatorsFixture fixture)
{
    [Fact]
    public async Task The_served_OpenAPI_document_is_the_committed_one()
    {
        using var client = fixture.Factory.CreateClient();
        await OpenApiContract.AssertCommittedAsync(client, "mediators");
    }

    [Fact]
    public async Task The_ETag_to_send_back_as_If_Match_is_declared_on_the_directory_s_reads_and_PATCHes()
    {
        using var client = fixture.Factory.CreateClient();
        var (missing, declared) = await OpenApiContract.ETagDeclarationsAsync(client, ["/api/organizations/{id}", "/api/mediators/{id}"]);
        Assert.True(missing.Count == 0, "operations that send an ETag without declaring it:\n" + string.Join("\n", missing));
        Assert.Equal(4, declared); // GET and PATCH of an organisation and of a mediator
    }

    [Fact]
    public async Task Every_request_limit_the_document_declares_is_the_one_the_service_enforces()
    {
        using var client = fixture.Factory.ClientWithToken(TestTokens.Shared.Mint(Roles.All, ["yubei"]));
        var (failures, probes) = await ContractLimits.CheckAsync(client, "mediators");
        Assert.True(probes >= 20, $"only {probes} probes: does the document declare its request limits?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} probes failed:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void The_request_examples_of_the_document_are_read_by_the_service_as_they_are()
    {
        var (problems, count) = RequestExamples.Check(fixture.Factory.Services, typeof(MediationPlatform.Mediators.MediatorsService).Assembly);
        Assert.True(count >= 4, $"only {count} request examples");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
