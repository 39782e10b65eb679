using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// 访调 inside the platform (POST /api/cases/{id}/to-mediation): a claim petition becomes a linked dispute with the
/// parties' consent, counted as a petition office's intake; what may not go is refused and changes nothing; the dispute's
/// end is noted on the petition.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class ToMediationTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;
    private static readonly Guid Office = Guid.NewGuid();

    private async Task<HttpClient> OfficerAsync()
    {
        await _f.PublishAsync(new OrganizationRegistered(Office, "木耳镇信访办", OrganizationKind.PetitionOffice, CasesFactory.Town, [CasesFactory.Town], DateTimeOffset.UtcNow));
        var known = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Id == Office)), k => k, TimeSpan.FromSeconds(20));
        Assert.True(known, "the petition office never reached the case service");
        return _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PetitionOfficer, [CasesFactory.Town], organizationId: Office));
    }

    private static object Petition(string type = "claim", object? respondent = null) => new
    {
        kind = "petition", petitionType = type, title = "要求邻居赔偿房屋漏水损失", category = "damages", regionCode = CasesFactory.Village,
        source = "application", channel = "letter", riskLevel = "medium",
        parties = respondent is null
            ? new object[] { new { role = "applicant", kind = "person", name = "周某", idNumber = "500112198001011234", phone = "13812345678" } }
            : new object[] { new { role = "applicant", kind = "person", name = "周某", idNumber = "500112198001011234", phone = "13812345678" }, respondent },
    };

    private static readonly object Neighbour = new { role = "respondent", kind = "person", name = "吴某" };

    private static async Task<Guid> CreatedAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/cases", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_claim_with_both_parties_consent_becomes_a_linked_dispute_counted_as_the_petition_offices_intake()
    {
        using var officer = await OfficerAsync();
        var petitionId = await CreatedAsync(officer, Petition(respondent: Neighbour));
        (await officer.PostAsJsonAsync($"/api/cases/{petitionId}/accept", new { })).EnsureSuccessStatusCode();
        var response = await officer.PostAsJsonAsync($"/api/cases/{petitionId}/to-mediation", new { reason = "邻里损害赔偿，双方同意调解", partiesConsent = true });
        var petition = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, petition.ToString());
        Assert.Equal("transferred", petition.GetProperty("status").GetString());
        var link = petition.GetProperty("links").EnumerateArray().Single();
        Assert.Equal("related", link.GetProperty("relation").GetString());
        var disputeId = link.GetProperty("caseId").GetGuid();

        var dispute = await _f.WithDbAsync(db => db.Cases.Include(c => c.Parties).AsNoTracking().SingleAsync(c => c.Id == disputeId));
        Assert.Equal((CaseKind.Dispute, CaseSource.PetitionTransfer, CaseStatus.Registered), (dispute.Kind, dispute.Source, dispute.Status));
        Assert.Equal((Agency.PetitionOffice, Office), (dispute.IntakeAgency!.Value, dispute.IntakeOrganizationId!.Value));
        Assert.Equal(petition.GetProperty("number").GetString(), dispute.ExternalRef);
        Assert.Equal(["吴某", "周某"], dispute.Parties.Select(p => p.Name).Order());
        var applicant = dispute.Parties.Single(p => p.Name == "周某");
        Assert.Equal("500112********1234", applicant.IdNumberMasked); // sealed again under the new party, still searchable
        Assert.NotNull(applicant.IdNumberHash);

        using var liaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PetitionLiaison, [CasesFactory.Town], organizationId: Office));
        var records = await liaison.GetFromJsonAsync<JsonElement>("/api/intake?pageSize=200");
        Assert.Contains(records.GetProperty("items").EnumerateArray(), r => r.GetProperty("case").GetProperty("id").GetGuid() == disputeId
            && r.GetProperty("agency").GetString() == "petition_office");

        // the dispute's end is noted on the petition
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        (await supervisor.PostAsJsonAsync($"/api/cases/{disputeId}/start-mediation", new { })).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync($"/api/cases/{disputeId}/resolve", new { agreementType = "written", agreementSummary = "吴某赔偿 3000 元" })).EnsureSuccessStatusCode();
        var timeline = await Eventually.ValueAsync(() => officer.GetFromJsonAsync<JsonElement>($"/api/cases/{petitionId}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("action").GetString() == "mediation_ended"), TimeSpan.FromSeconds(20), 100);
        var ended = timeline.EnumerateArray().SingleOrDefault(e => e.GetProperty("action").GetString() == "mediation_ended");
        Assert.True(ended.ValueKind == JsonValueKind.Object, $"no mediation_ended on the petition: {string.Join(", ", timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()))}");
        Assert.Contains("吴某赔偿 3000 元", ended.ToString());
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("action").GetString() == "to_mediation");
    }

    [Fact]
    public async Task What_may_not_go_to_mediation_is_refused_and_nothing_is_written()
    {
        using var officer = await OfficerAsync();
        var suggestion = await CreatedAsync(officer, Petition("suggestion", Neighbour));
        var againstGovernment = await CreatedAsync(officer, Petition(respondent: new { role = "respondent", kind = "organization", name = "木耳镇人民政府" }));
        var oneSided = await CreatedAsync(officer, Petition());
        var claim = await CreatedAsync(officer, Petition(respondent: Neighbour));
        var before = await _f.WithDbAsync(db => db.Cases.CountAsync());
        async Task<(HttpStatusCode, JsonElement)> Move(Guid id, object body)
        {
            var r = await officer.PostAsJsonAsync($"/api/cases/{id}/to-mediation", body);
            return (r.StatusCode, await r.Content.ReadFromJsonAsync<JsonElement>());
        }
        var consent = new { reason = "双方同意", partiesConsent = true };

        var (status, body) = await Move(suggestion, consent);
        Assert.True(status == HttpStatusCode.Conflict && body.TryGetProperty("allowedActions", out _), body.ToString());
        (status, body) = await Move(againstGovernment, consent);
        Assert.True(status == HttpStatusCode.UnprocessableEntity && body.ToString().Contains("Art. 2"), body.ToString());
        (status, body) = await Move(oneSided, consent);
        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        (status, body) = await Move(claim, new { reason = "双方同意" });
        Assert.True(status == HttpStatusCode.BadRequest && body.GetProperty("errors").TryGetProperty("partiesConsent", out _), body.ToString());
        (status, body) = await Move(claim, new { reason = "双方同意", partiesConsent = false });
        Assert.Equal(HttpStatusCode.BadRequest, status);

        Assert.Equal(before, await _f.WithDbAsync(db => db.Cases.CountAsync()));
        var statuses = await _f.WithDbAsync(db => db.Cases.Where(c => c.Id == suggestion || c.Id == againstGovernment || c.Id == oneSided || c.Id == claim)
            .Select(c => c.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(CaseStatus.Registered, s));
    }
}
