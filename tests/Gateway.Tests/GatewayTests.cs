using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.TestKit;

namespace MediationPlatform.Gateway.Tests;

public sealed class GatewayFactory : ServiceFactory<Program>
{
    public const string AdminPassword = "Admin-test-password-1";

    private GatewayFactory(TestInfrastructure i, TestDatabase d, TestVirtualHost v) : base(i, d, v, "Identity", new Dictionary<string, string?>
    {
        ["Auth:SigningKeyPath"] = TestTokens.Shared.PrivateKeyPath,
        ["Bootstrap:AdminUser"] = "admin",
        ["Bootstrap:AdminPassword"] = AdminPassword,
        // nothing listens there: proxied calls that pass authentication end in 502
        ["Services:Cases"] = "http://127.0.0.1:9",
        ["Services:Mediators"] = "http://127.0.0.1:9",
        ["Services:Reporting"] = "http://127.0.0.1:9",
        ["RateLimits:PerUserBurst"] = "20",
        ["RateLimits:PerUserPerSecond"] = "2",
        ["RateLimits:TokenPerMinute"] = "1000",
        // the second factor enforced as in Production, for one role the other tests do not use (MfaTests)
        ["Security:EnforceMfa"] = "true",
        ["Security:MfaRequiredRoles:0"] = "petition_liaison",
    }) { }

    public static Task<GatewayFactory> StartAsync() => CreateAsync("gateway", (i, d, v) => new GatewayFactory(i, d, v));

    public async Task<HttpResponseMessage> TokenAsync(params (string Key, string Value)[] form)
    {
        using var client = CreateClient();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))));
    }

    public async Task<string> PasswordTokenAsync(string user, string password)
    {
        var response = await TokenAsync(("grant_type", "password"), ("username", user), ("password", password));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }
}

public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayFactory Factory { get; private set; } = null!;
    public async Task InitializeAsync() => Factory = await GatewayFactory.StartAsync();
    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();
}

public sealed class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayFactory _f = fixture.Factory;

    [Fact]
    public async Task The_password_grant_issues_a_signed_access_token_with_roles_regions_and_links()
    {
        var admin = _f.ClientWithToken(await _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword));
        var mediatorId = Guid.NewGuid();
        var name = "med-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/users", new
        {
            userName = name, password = "Mediator-pass-1", displayName = "调解员甲", roles = new[] { "mediator" },
            regionCodes = new[] { "muer-v01", "muer-v02" }, mediatorId,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("password", (await created.Content.ReadAsStringAsync()).ToLowerInvariant());

        var response = await _f.TokenAsync(("grant_type", "password"), ("username", name), ("password", "Mediator-pass-1"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.True(body.GetProperty("expires_in").GetInt32() > 0);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(body.GetProperty("access_token").GetString());
        Assert.Equal("at+jwt", jwt.Header.Typ);
        Assert.Equal(TestTokens.Issuer, jwt.Issuer);
        Assert.Contains(TestTokens.Audience, jwt.Audiences);
        Assert.Equal("mediator", jwt.Claims.Single(c => c.Type == ClaimNames.Role).Value);
        Assert.Equal(["muer-v01", "muer-v02"], jwt.Claims.Where(c => c.Type == ClaimNames.Region).Select(c => c.Value).Order());
        Assert.Equal(mediatorId.ToString(), jwt.Claims.Single(c => c.Type == ClaimNames.MediatorId).Value);
        Assert.Equal("调解员甲", jwt.Claims.Single(c => c.Type == ClaimNames.Name).Value);
        Assert.False(string.IsNullOrEmpty(jwt.Subject));
    }

    [Fact]
    public async Task Wrong_passwords_disabled_users_and_bad_requests_get_OAuth_errors_not_500()
    {
        var wrong = await _f.TokenAsync(("grant_type", "password"), ("username", "admin"), ("password", "nope"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var unknownGrant = await _f.TokenAsync(("grant_type", "authorization_code"), ("code", "x"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownGrant.StatusCode);
        using var client = _f.CreateClient();
        var json = await client.PostAsJsonAsync("/connect/token", new { grant_type = "password" });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);

        var admin = _f.ClientWithToken(await _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword));
        var name = "gone-" + Guid.NewGuid().ToString("N")[..8];
        var user = await (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "Some-password-1", displayName = "x", roles = new[] { "statistician" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await _f.PasswordTokenAsync(name, "Some-password-1");
        var patched = await admin.PatchAsJsonAsync($"/api/users/{user.GetProperty("id").GetGuid()}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var refused = await _f.TokenAsync(("grant_type", "password"), ("username", name), ("password", "Some-password-1"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Users_are_managed_by_admins_only_with_validation_naming_the_field()
    {
        var admin = _f.ClientWithToken(await _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword));
        var bad = await admin.PostAsJsonAsync("/api/users", new { userName = "", password = "short", displayName = "x", roles = new[] { "king" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.True(errors.TryGetProperty("roles", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/users",
            new { userName = "ADMIN", password = "Some-password-1", displayName = "x", roles = new[] { "admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/users")).StatusCode);

        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, ["muer"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/users",
            new { userName = "sneaky", password = "Some-password-1", displayName = "x", roles = new[] { "admin" } })).StatusCode);
    }

    [Fact]
    public async Task A_system_client_gets_a_token_with_client_credentials_carrying_its_agency()
    {
        var admin = _f.ClientWithToken(await _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword));
        var orgId = Guid.NewGuid();
        var clientId = "police-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/clients", new
        {
            clientId, clientSecret = "a-long-client-secret-1", displayName = "派出所系统", roles = new[] { "police_liaison" },
            regionCodes = new[] { "muer" }, organizationId = orgId,
        })).StatusCode);
        var wrong = await _f.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "wrong-secret-000000"));
        Assert.NotEqual(HttpStatusCode.OK, wrong.StatusCode);
        var ok = await _f.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "a-long-client-secret-1"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        Assert.Equal(clientId, jwt.Subject);
        Assert.Equal("police_liaison", jwt.Claims.Single(c => c.Type == ClaimNames.Role).Value);
        Assert.Equal(orgId.ToString(), jwt.Claims.Single(c => c.Type == ClaimNames.OrganizationId).Value);
    }

    [Fact]
    public async Task The_gateway_answers_401_itself_for_bad_tokens_on_local_and_proxied_routes()
    {
        using var client = _f.CreateClient();
        await AuthAssertions.RejectsBadTokensAsync(client, "/api/users");
        foreach (var path in new[] { "/api/cases", "/api/regions", "/api/reports/summary?year=2021" })
        {
            foreach (var (name, token) in AuthAssertions.BadTokens())
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (token is not null) request.Headers.Authorization = new("Bearer", token);
                Assert.True((await client.SendAsync(request)).StatusCode == HttpStatusCode.Unauthorized, $"{path} with {name}");
            }
        }
    }

    [Fact]
    public async Task A_user_over_the_rate_limit_gets_429_with_Retry_After_and_every_answer_says_the_quota()
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, ["muer"]));
        var statuses = new List<HttpResponseMessage>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 30; i++) statuses.Add(await client.GetAsync("/api/cases"));
        var elapsed = clock.Elapsed;
        var limited = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.True(limited[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        // the quota on every answer (IETF RateLimit headers): the bucket's size, what is left, seconds until it is full
        static string Header(HttpResponseMessage r, string name) => r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "(none)";
        Assert.Equal(["20", "19"], new[] { Header(statuses[0], "RateLimit-Limit"), Header(statuses[0], "RateLimit-Remaining") });
        Assert.True(int.TryParse(Header(statuses[0], "RateLimit-Reset"), out var reset) && reset is >= 0 and <= 1, $"RateLimit-Reset {Header(statuses[0], "RateLimit-Reset")}");
        Assert.Equal(["20", "0", "10"], new[] { Header(limited[0], "RateLimit-Limit"), Header(limited[0], "RateLimit-Remaining"), Header(limited[0], "RateLimit-Reset") });
        // the gateway's own endpoints are limited too (not only the proxied ones)
        Assert.Equal("20", Header(await client.GetAsync("/api/users"), "RateLimit-Limit"));
        // the burst of 20, plus the 2 a second the bucket refills at each whole-second tick the loop lived through; then refused
        var allowed = statuses.Count(r => r.StatusCode != HttpStatusCode.TooManyRequests);
        Assert.InRange(allowed, 20, 20 + 2 * (int)Math.Ceiling(elapsed.TotalSeconds));
        // another user is not affected
        using var other = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, ["muer"]));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await other.GetAsync("/api/cases")).StatusCode);
    }

    [Fact]
    public async Task Health_and_the_combined_OpenAPI_are_public()
    {
        using var client = _f.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        var ui = await client.GetStringAsync("/swagger/index.html");
        Assert.Contains("swagger", ui, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_signing_key_persists_across_restarts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"key-{Guid.NewGuid():N}", "signing-key.pem");
        var first = SigningKeys.LoadOrCreate(path);
        var second = SigningKeys.LoadOrCreate(path);
        Assert.Equal(first.KeyId, second.KeyId);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
