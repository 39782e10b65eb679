using System.Net;
using System.Net.Http.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>Who reads a referral's parties, and an accuser's identity that never leaves (ADR 0015).</summary>
[Collection(CasesCollection.Name)]
public sealed class ReferralPartiesTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private HttpClient Admin() => _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Admin, [CasesFactory.Town]));

    private async Task<(Guid CaseId, Guid ReferralId)> ReferredAsync(object registration, Guid organization)
    {
        using var admin = Admin();
        var caseId = (await Expect(admin.PostAsJsonAsync("/api/cases", registration), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var made = await Expect(admin.PostAsJsonAsync($"/api/cases/{caseId}/referrals", new { agency = "police", reason = "涉嫌违法", whole = false }),
            HttpStatusCode.Created);
        var referralId = made.GetProperty("referrals").EnumerateArray().Last().GetProperty("id").GetGuid();
        await _f.PublishAsync(new ReferralRouted(referralId, caseId, organization, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var routes = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => r.OrganizationId).ToListAsync()),
            o => o.Contains(organization), TimeSpan.FromSeconds(10));
        Assert.True(routes.Contains(organization), $"the case service should learn within 10 s that referral {referralId} went to {organization}; "
            + $"it has it routed to [{string.Join(", ", routes)}]");
        return (caseId, referralId);
    }

    [Fact]
    public async Task Only_the_routed_agencys_liaisons_read_the_parties_not_others_of_its_organisation()
    {
        var police = Guid.NewGuid();
        var (_, referralId) = await ReferredAsync(RegistrationTests.Dispute(), police);
        var path = $"/api/cases/referrals/{referralId}/parties?purpose=出警前核实当事人";
        using var liaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, [CasesFactory.Town], organizationId: police));
        var parties = await Expect(liaison.GetAsync(path));
        Assert.Equal(["张某", "李某"], parties.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.Equal("138****5678", parties.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "张某").GetProperty("phone").GetString());
        foreach (var role in new[] { Roles.Statistician, Roles.Mediator })
        {
            using var sameOrganisation = _f.ClientWithToken(TestTokens.Shared.Mint(role, [CasesFactory.Town], organizationId: police, mediatorId: Guid.NewGuid()));
            Assert.Equal(HttpStatusCode.NotFound, (await sameOrganisation.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task The_accuser_of_an_accusation_petition_never_leaves_with_its_referral_and_a_mediator_never_sees_it()
    {
        var police = Guid.NewGuid();
        var accusation = new
        {
            kind = "petition", title = "检举村干部违规", category = "other", petitionType = "accusation", regionCode = CasesFactory.Village,
            source = "application", channel = "letter", riskLevel = "medium",
            parties = new object[]
            {
                new { role = "applicant", kind = "person", name = "检举人甲", phone = "13800000077" },
                new { role = "respondent", kind = "person", name = "被检举人乙" },
            },
        };
        var (caseId, referralId) = await ReferredAsync(accusation, police);
        using var liaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, [CasesFactory.Town], organizationId: police));
        var parties = await Expect(liaison.GetAsync($"/api/cases/referrals/{referralId}/parties?purpose=核实被检举人"));
        Assert.Equal(["被检举人乙"], parties.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.DoesNotContain("检举人甲", parties.ToString());

        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Town], mediatorId: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.GetAsync($"/api/cases/{caseId}")).StatusCode);
        var listed = await Expect(mediator.GetAsync("/api/cases?kind=petition&pageSize=200"));
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == caseId);
        using var officer = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PetitionOfficer, [CasesFactory.Town]));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/cases/{caseId}")).StatusCode);
    }
}
