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
}
