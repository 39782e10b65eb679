using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using static MediationPlatform.TestKit.QueryFuzz;

namespace MediationPlatform.Reporting.Tests;

/// <summary>The fuzz of the reads (<see cref="QueryFuzz"/>) over every GET route of the reporting service: never a 5xx.</summary>
public sealed class QueryFuzzTests(ReportingFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ReportingFixture>
{
    private const int PerRoute = 150;

    private static readonly Route[] Routes =
    [
        new("/api/reports/summary", "year", "regionCode"),
        new("/api/reports/annual/{id}", "regionCode", "format"),
        new("/api/reports/annual/{id}/snapshots", "regionCode"),
        new("/api/reports/rebuild"),
    ];

    [Fact]
    public async Task Random_query_strings_and_route_values_on_every_read_get_4xx_or_2xx_never_5xx()
    {
        using var admin = fixture.Factory.ClientWithToken(TestTokens.Shared.Mint(Roles.Admin));
        var result = await RunAsync(admin, Routes, "2021", seed: 20261129, PerRoute);
        output.WriteLine(result.Summary);
        Assert.True(result.Failures.Length == 0, $"statuses: {result.Summary}\n{result.Failures}");
        Assert.True(result.Sent > Routes.Length * PerRoute * 9 / 10, result.Summary);
    }
}
