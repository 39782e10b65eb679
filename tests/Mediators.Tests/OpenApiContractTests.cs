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
}
