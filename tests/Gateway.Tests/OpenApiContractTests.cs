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
}
