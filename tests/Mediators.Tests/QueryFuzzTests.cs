using MediationPlatform.TestKit;
using static MediationPlatform.TestKit.QueryFuzz;

namespace MediationPlatform.Mediators.Tests;

/// <summary>The fuzz of the reads (<see cref="QueryFuzz"/>) over every GET route of the mediator service: never a 5xx.</summary>
[Collection(MediatorsCollection.Name)]
public sealed class QueryFuzzTests(MediatorsFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int PerRoute = 80;
    private readonly MediatorsFactory _f = fixture.Factory;

    private static readonly Route[] Routes =
    [
        new("/api/regions", "parentCode", "page", "pageSize"),
        new("/api/regions/{id}"),
        new("/api/organizations", "kind", "regionCode", "page", "pageSize"),
        new("/api/organizations/{id}"),
        new("/api/organizations/{id}/deliveries", "status", "page", "pageSize"),
        new("/api/mediators", "regionCode", "specialty", "available", "page", "pageSize"),
        new("/api/mediators/{id}"),
        new("/api/assignments", "caseId", "page", "pageSize"),
        new("/api/assignments/unassigned", "page", "pageSize"),
        new("/api/referrals", "status", "agency", "page", "pageSize"),
        new("/api/referrals/{id}"),
        new("/api/sessions", "caseId", "mediatorId", "from", "to", "page", "pageSize"),
        new("/api/sessions/{id}"),
    ];

    [Fact]
    public async Task Random_query_strings_and_route_values_on_every_read_get_4xx_or_2xx_never_5xx()
    {
        using var admin = _f.Admin();
        var result = await RunAsync(admin, Routes, fixture.CommitteeId.ToString(), seed: 20261129, PerRoute);
        output.WriteLine(result.Summary);
        Assert.True(result.Failures.Length == 0, $"statuses: {result.Summary}\n{result.Failures}");
        Assert.True(result.Sent > Routes.Length * PerRoute * 9 / 10, result.Summary);
        Assert.True(result.Statuses.GetValueOrDefault(400) > Routes.Length * PerRoute / 4, $"mostly refused, as they should be: {result.Summary}");
    }
}
