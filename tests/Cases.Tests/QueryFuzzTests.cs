using System.Net;
using System.Net.Http.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using static MediationPlatform.TestKit.QueryFuzz;

namespace MediationPlatform.Cases.Tests;

/// <summary>The fuzz of the reads (<see cref="QueryFuzz"/>) over every GET route of the case service: never a 5xx.</summary>
[Collection(CasesCollection.Name)]
public sealed class QueryFuzzTests(CasesFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int PerRoute = 120;
    private readonly CasesFactory _f = fixture.Factory;

    private static readonly Route[] Routes =
    [
        new("/api/cases", "kind", "status", "regionCode", "category", "source", "assignedMediatorId", "riskLevel", "receivedFrom", "receivedTo",
            "overdue", "dueBefore", "dueWithinDays", "idNumber", "purpose", "q", "sort", "page", "pageSize"),
        new("/api/cases/{id}"),
        new("/api/cases/{id}/timeline"),
        new("/api/cases/{id}/parties", "purpose"),
        new("/api/cases/referrals/{id}/parties", "purpose"),
        new("/api/cases/supervision", "regionCode", "page", "pageSize"),
        new("/api/access-log", "caseId", "page", "pageSize"),
        new("/api/risk-registers", "regionCode", "year", "page", "pageSize"),
        new("/api/risk-registers/{id}"),
        new("/api/risk-registers/{id}/items", "status", "page", "pageSize"),
    ];

    [Fact]
    public async Task Random_query_strings_and_route_values_on_every_read_get_4xx_or_2xx_never_5xx()
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint([Roles.Admin, Roles.Supervisor], [CasesFactory.Town], subject: "fuzz-" + Guid.NewGuid()));
        var caseId = (await Http.Expect(client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute()), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var result = await RunAsync(client, Routes, caseId, seed: 20261129, PerRoute);
        output.WriteLine(result.Summary);
        Assert.True(result.Failures.Length == 0, $"statuses: {result.Summary}\n{result.Failures}");
        Assert.True(result.Sent > Routes.Length * PerRoute * 9 / 10, result.Summary);
        Assert.True(result.Statuses.GetValueOrDefault(400) > Routes.Length * PerRoute / 4, $"mostly refused, as they should be: {result.Summary}");
    }
}
