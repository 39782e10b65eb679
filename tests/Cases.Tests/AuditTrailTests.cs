using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.TestKit;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// The case service's audit chain (ADR 0022): every unmasked read, ID-number search, issued document and import is an
/// entry with a reference to the case — never the personal data — and concurrent reads do not fork the chain.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class AuditTrailTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    [Fact]
    public async Task Unmasked_reads_are_chained_audit_entries_that_name_the_case_not_the_person_and_concurrent_reads_do_not_fork_the_chain()
    {
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town], subject: "audit-sup"));
        var created = await (await supervisor.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute())).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => supervisor.GetAsync($"/api/cases/{id}/parties?purpose=核对当事人身份")));
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/cases?idNumber=500112198001011234&purpose=查重复来访")).StatusCode);

        using var auditor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Auditor, subject: "auditor-1"));
        var trail = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?pageSize=500");
        var ofCase = trail.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("target").GetString() == id.ToString()).ToList();
        Assert.Equal(8, ofCase.Count(e => e.GetProperty("kind").GetString() == "unmasked_read"));
        Assert.All(ofCase, e => Assert.Equal(("audit-sup", "cases"), (e.GetProperty("actor").GetString(), e.GetProperty("service").GetString())));
        Assert.Contains(trail.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "id_number_search" && e.GetProperty("actor").GetString() == "audit-sup");
        Assert.DoesNotContain("500112198001011234", trail.ToString());
        Assert.DoesNotContain("核对当事人身份", trail.ToString()); // the purpose stays in the access log; the trail points to its entry
        var searches = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?kind=id_number_search");
        Assert.All(searches.GetProperty("items").EnumerateArray(), e => Assert.Equal("id_number_search", e.GetProperty("kind").GetString()));

        var (entries, broken) = await _f.WithDbAsync(db => AuditTrail.VerifyAsync(db, CancellationToken.None));
        Assert.True(entries >= 9 && broken is null, $"entries={entries} broken at {broken}");
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/audit")).StatusCode);
    }
}
