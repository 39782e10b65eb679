using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class ReferralRoundTripTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_referral_made_on_the_case_is_accepted_and_completed_by_the_police_system_and_lands_on_the_timeline()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        var created = await DemoTown.Created(mediator.PostAsJsonAsync("/api/cases", DemoTown.Dispute(town.Village, "酒后斗殴引发的邻里纠纷")));
        var caseId = created.GetProperty("id").GetGuid();
        var status = await Eventually.ValueAsync(
            async () => (await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("status").GetString(),
            s => s == "assigned", TimeSpan.FromSeconds(10));
        Assert.True(status == "assigned", $"the case should be assigned within 10 s; its status is {status}");
        await DemoTown.Created(mediator.PostAsJsonAsync($"/api/cases/{caseId}/referrals",
            new { agency = "police", reason = "可能激化为治安案件（防止民转刑）", whole = false }));

        // The police station's own system signs in with client credentials and reads its inbox.
        using var tokenClient = platform.Client(platform.Gateway);
        var tokenResponse = await tokenClient.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = town.PoliceClientId, ["client_secret"] = town.PoliceClientSecret,
        }));
        var policeToken = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var police = platform.Client(platform.Gateway, policeToken);
        JsonElement Referral(JsonElement pending) => pending.EnumerateArray().FirstOrDefault(r => r.GetProperty("caseId").GetGuid() == caseId);
        var inbox = await Eventually.ValueAsync(async () => (await police.GetFromJsonAsync<JsonElement>("/api/referrals?status=pending")).Items(),
            i => Referral(i).ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));
        var referral = Referral(inbox);
        Assert.True(referral.ValueKind == JsonValueKind.Object,
            $"the referral should reach the police station's inbox within 10 s; the pending inbox holds {inbox}");
        Assert.Equal(town.PoliceStationId, referral.GetProperty("organizationId").GetGuid());
        Assert.DoesNotContain("idNumber", referral.ToString());
        var referralId = referral.GetProperty("id").GetGuid();

        // The names travel only on request, to the agency the referral was routed to, with a logged purpose.
        var partiesPath = $"/api/cases/referrals/{referralId}/parties";
        // the case service learns the routing from ReferralRouted, which may arrive after the inbox showed the referral
        var withoutPurpose = await Eventually.ValueAsync(async () => (await police.GetAsync(partiesPath)).StatusCode,
            c => c == HttpStatusCode.BadRequest, TimeSpan.FromSeconds(10));
        Assert.True(withoutPurpose == HttpStatusCode.BadRequest,
            $"without a purpose: 400, once the case service knows where the referral went (within 10 s); it answered {(int)withoutPurpose}");
        var parties = await police.GetFromJsonAsync<JsonElement>(partiesPath + "?purpose=出警前核实当事人");
        Assert.Equal(["张某", "李某"], parties.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.DoesNotContain("idNumber", parties.ToString());
        using var otherAgency = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.PoliceLiaison, ["muer"], organizationId: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync(partiesPath + "?purpose=出警前核实当事人")).StatusCode);
        var log = await platform.Client(platform.Gateway, town.AdminToken).GetFromJsonAsync<JsonElement>($"/api/access-log?caseId={caseId}");
        var read = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal("referral_parties", read.GetProperty("kind").GetString());
        Assert.Equal("出警前核实当事人", read.GetProperty("purpose").GetString());

        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"/api/referrals/{referralId}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await police.PostAsJsonAsync($"/api/referrals/{referralId}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"/api/referrals/{referralId}/complete",
            new { outcome = "handled", summary = "已出警调解，双方签订治安调解协议" })).StatusCode);

        // A liaison of another agency sees nothing of it.
        using var court = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.CourtLiaison, ["muer"], organizationId: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await court.GetAsync($"/api/referrals/{referralId}")).StatusCode);
        Assert.Equal(0, (await court.GetFromJsonAsync<JsonElement>("/api/referrals")).Items().GetArrayLength());

        string[] steps = ["registered", "assigned", "referred", "referral_routed", "referral_accepted", "referral_completed"];
        var actions = await Eventually.ValueAsync(async () => (await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/timeline"))
            .EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList(), a => a.SequenceEqual(steps), TimeSpan.FromSeconds(10));
        Assert.True(actions.SequenceEqual(steps),
            $"the agency's steps should land on the case's timeline within 10 s; it reads {string.Join(", ", actions)}");
        var after = await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var onCase = after.GetProperty("referrals")[0];
        Assert.Equal("completed", onCase.GetProperty("status").GetString());
        Assert.Equal("handled", onCase.GetProperty("outcome").GetString());
        Assert.Equal("assigned", after.GetProperty("status").GetString()); // not whole: the case stays with the mediator
    }

    [Fact]
    public async Task A_whole_referral_transfers_the_case_and_counts_as_transferred()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        var created = await DemoTown.Created(mediator.PostAsJsonAsync("/api/cases", DemoTown.Dispute(town.Village, "涉嫌诈骗的借款纠纷")));
        var caseId = created.GetProperty("id").GetGuid();
        var transferred = await DemoTown.Created(mediator.PostAsJsonAsync($"/api/cases/{caseId}/referrals",
            new { agency = "police", reason = "涉嫌刑事犯罪，移送公安", whole = true }));
        Assert.Equal("transferred", transferred.GetProperty("status").GetString());
        using var statistician = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.Statistician));
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var counted = await Eventually.ValueAsync(async () =>
            (await statistician.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}&regionCode=muer"))
                .GetProperty("figures").GetProperty("disputes").GetProperty("transferred").GetInt32(), n => n >= 1, TimeSpan.FromSeconds(10));
        Assert.True(counted >= 1, $"this year's figures of muer should count the transferred dispute within 10 s; they count {counted} transferred");
        Assert.Equal(HttpStatusCode.Conflict, (await mediator.PostAsJsonAsync($"/api/cases/{caseId}/start-mediation", new { })).StatusCode);
    }
}
