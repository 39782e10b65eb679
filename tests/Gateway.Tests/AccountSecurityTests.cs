using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.TestKit;

namespace MediationPlatform.Gateway.Tests;

/// <summary>Sign-in lockout, refusals that tell nothing, and tokens that stop working when the account changes (ADR 0015).</summary>
public sealed class AccountSecurityTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayFactory _f = fixture.Factory;

    private async Task<(HttpClient Admin, Guid Id, string Name)> NewUserAsync(string role = "statistician")
    {
        var admin = _f.ClientWithToken(await _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword));
        var name = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/users",
            new { userName = name, password = "Right-password-1", displayName = "x", roles = new[] { role }, regionCodes = new[] { "muer" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (admin, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), name);
    }

    private async Task<JsonElement> TokenErrorAsync(string user, string password)
    {
        var response = await _f.TokenAsync(("grant_type", "password"), ("username", user), ("password", password));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_an_admin_sets_a_new_password()
    {
        var (admin, id, name) = await NewUserAsync();
        for (var i = 0; i < 5; i++) await TokenErrorAsync(name, "Wrong-password-" + i);

        // locked: even the right password is refused, with the same answer as an unknown name
        var locked = await TokenErrorAsync(name, "Right-password-1");
        var unknown = await TokenErrorAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "Right-password-1");
        var wrong = await TokenErrorAsync("admin", "not-the-password");
        Assert.Equal(unknown.GetProperty("error").GetString(), locked.GetProperty("error").GetString());
        Assert.Equal(unknown.GetProperty("error_description").GetString(), locked.GetProperty("error_description").GetString());
        Assert.Equal(wrong.GetProperty("error_description").GetString(), unknown.GetProperty("error_description").GetString());

        var shown = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}");
        Assert.True(shown.GetProperty("lockedUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(14));

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/users/{id}", new { password = "New-password-22" })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("lockedUntil").ValueKind);
        await _f.PasswordTokenAsync(name, "New-password-22");
    }

    [Fact]
    public async Task Wrong_guesses_sent_at_once_are_all_counted()
    {
        var (admin, id, name) = await NewUserAsync();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => TokenErrorAsync(name, "Wrong-password-" + i)));
        Assert.NotEqual(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}")).GetProperty("lockedUntil").ValueKind);
        await TokenErrorAsync(name, "Right-password-1");
    }

    [Fact]
    public async Task A_right_password_before_the_limit_resets_the_count()
    {
        var (_, _, name) = await NewUserAsync();
        for (var i = 0; i < 4; i++) await TokenErrorAsync(name, "Wrong-password-" + i);
        await _f.PasswordTokenAsync(name, "Right-password-1");
        for (var i = 0; i < 4; i++) await TokenErrorAsync(name, "Wrong-password-" + i);
        await _f.PasswordTokenAsync(name, "Right-password-1");
    }

    [Fact]
    public async Task Disabling_an_account_or_changing_its_roles_revokes_the_tokens_it_already_has()
    {
        var (admin, id, name) = await NewUserAsync();
        using var before = _f.ClientWithToken(await _f.PasswordTokenAsync(name, "Right-password-1"));
        // authenticated, not an admin: 403 from the gateway's own route
        Assert.Equal(HttpStatusCode.Forbidden, (await before.GetAsync("/api/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/users/{id}", new { roles = new[] { "supervisor" } })).StatusCode);
        foreach (var path in new[] { "/api/users", "/api/cases" })
        {
            var refused = await before.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("revoked", refused.Headers.WwwAuthenticate.ToString());
        }
        using var after = _f.ClientWithToken(await _f.PasswordTokenAsync(name, "Right-password-1"));
        Assert.Equal(HttpStatusCode.Forbidden, (await after.GetAsync("/api/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/users/{id}", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await after.GetAsync("/api/users")).StatusCode);
        await TokenErrorAsync(name, "Right-password-1");
    }

    [Fact]
    public async Task A_token_of_an_account_created_after_the_last_refresh_is_accepted()
    {
        var (_, _, name) = await NewUserAsync();
        using var client = _f.ClientWithToken(await _f.PasswordTokenAsync(name, "Right-password-1"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task A_forged_stamp_for_a_real_account_is_refused()
    {
        var (_, id, _) = await NewUserAsync();
        using var forged = _f.ClientWithToken(TestTokens.Shared.Mint(["statistician"], ["muer"], subject: id.ToString(),
            extra: [("stamp", Guid.NewGuid().ToString())]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_system_client_gets_no_token_and_its_tokens_are_refused_and_a_rotated_secret_replaces_the_old()
    {
        var admin = _f.ClientWithToken(await _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword));
        var clientId = "police-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/clients", new
        {
            clientId, clientSecret = "first-client-secret-1", displayName = "派出所系统", roles = new[] { "police_liaison" },
            regionCodes = new[] { "muer" }, organizationId = Guid.NewGuid(),
        })).StatusCode);
        async Task<HttpResponseMessage> Token(string secret) =>
            await _f.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));
        async Task Refused(string secret)
        {
            var r = await Token(secret);
            Assert.False(r.IsSuccessStatusCode);
            Assert.Equal("invalid_client", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
        async Task<string> TokenOf(string secret)
        {
            var r = await Token(secret);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        }

        using var first = _f.ClientWithToken(await TokenOf("first-client-secret-1"));
        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync("/api/users")).StatusCode); // authenticated, not an admin

        // a new secret: the old one and the tokens made with it stop working
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/clients/{clientId}", new { clientSecret = "second-client-secret-2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/users")).StatusCode);
        await Refused("first-client-secret-1");
        using var second = _f.ClientWithToken(await TokenOf("second-client-secret-2"));
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync("/api/users")).StatusCode);

        // disabled: no token, and the current one refused
        var disabled = await admin.PatchAsJsonAsync($"/api/clients/{clientId}", new { disabled = true });
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/users")).StatusCode);
        await Refused("second-client-secret-2");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsJsonAsync("/api/clients/no-such-client", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PatchAsJsonAsync($"/api/clients/{clientId}", new { clientSecret = "short" })).StatusCode);
    }
}
