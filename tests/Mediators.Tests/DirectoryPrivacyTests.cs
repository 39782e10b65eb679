using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

/// <summary>What the directory shows of people and agencies' systems to whom (ADR 0015).</summary>
[Collection(MediatorsCollection.Name)]
public sealed class DirectoryPrivacyTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;

    [Fact]
    public async Task A_mediators_phone_is_shown_in_full_only_in_their_own_area()
    {
        var place = await Place.CreateAsync(_f);
        var elsewhere = await Place.CreateAsync(_f);
        var m = await place.MediatorAsync(_f, fixture.CommitteeId);

        async Task<string?> PhoneSeenBy(string role, string region)
        {
            using var client = _f.ClientWithToken(TestTokens.Shared.Mint(role, [region]));
            var one = (await client.GetFromJsonAsync<JsonElement>($"/api/mediators/{m}")).GetProperty("phone").GetString();
            var listed = (await client.GetFromJsonAsync<JsonElement>($"/api/mediators?regionCode={place.Village}&pageSize=200"))
                .GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == m).GetProperty("phone").GetString();
            Assert.Equal(one, listed);
            return one;
        }

        using (var admin = _f.Admin())
            Assert.Equal("13900000009", (await admin.GetFromJsonAsync<JsonElement>($"/api/mediators/{m}")).GetProperty("phone").GetString());
        Assert.Equal("13900000009", await PhoneSeenBy(Roles.Supervisor, place.Town));
        Assert.Equal("13900000009", await PhoneSeenBy(Roles.Supervisor, place.District));
        Assert.Equal("139****0009", await PhoneSeenBy(Roles.Supervisor, elsewhere.Town));
        Assert.Equal("139****0009", await PhoneSeenBy(Roles.Supervisor, elsewhere.Village));
    }

    [Fact]
    public async Task A_webhook_secret_is_stored_encrypted_and_its_url_shown_only_to_admins_and_the_agency_itself()
    {
        var place = await Place.CreateAsync(_f);
        const string secret = "police-system-shared-secret-9";
        var org = await place.OrganizationAsync(_f, "police_station", new { url = "https://police.example.org/hook", secret });

        var stored = await _f.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Id == org).Select(o => o.WebhookSecret).SingleAsync());
        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored);
        Assert.StartsWith("v1:", stored);

        async Task<JsonElement> SeenBy(HttpClient client) => await client.GetFromJsonAsync<JsonElement>($"/api/organizations/{org}");
        using var admin = _f.Admin();
        using var ownLiaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, [place.Town], organizationId: org));
        using var otherLiaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, [place.Town], organizationId: Guid.NewGuid()));
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [place.Town]));
        Assert.Equal("https://police.example.org/hook", (await SeenBy(admin)).GetProperty("webhookUrl").GetString());
        Assert.Equal("https://police.example.org/hook", (await SeenBy(ownLiaison)).GetProperty("webhookUrl").GetString());
        Assert.Equal(JsonValueKind.Null, (await SeenBy(otherLiaison)).GetProperty("webhookUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await SeenBy(supervisor)).GetProperty("webhookUrl").ValueKind);
        foreach (var client in new[] { admin, ownLiaison, supervisor })
            Assert.DoesNotContain(secret, (await SeenBy(client)).ToString());
    }
}
