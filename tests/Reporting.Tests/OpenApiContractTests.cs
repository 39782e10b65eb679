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
}
