using System.Net;
using System.Net.Http.Headers;
using MediationPlatform.Contracts;
using Xunit;

namespace MediationPlatform.TestKit;

/// <summary>
/// The token checks every service (and the gateway) must make: no token, an expired token, a token signed by another
/// key, for another audience or issuer, or of another type (an id_token) → 401.
/// </summary>
public static class AuthAssertions
{
    public static IEnumerable<(string Case, string? Token)> BadTokens()
    {
        var t = TestTokens.Shared;
        yield return ("no token", null);
        yield return ("garbage", "not-a-jwt");
        yield return ("expired", t.Mint(Roles.Admin, notBefore: DateTime.UtcNow.AddHours(-2), lifetime: TimeSpan.FromHours(1)));
        yield return ("signed by another key", TestTokens.Foreign.Mint(Roles.Admin));
        yield return ("other audience", t.Mint(Roles.Admin, audience: "another-api"));
        yield return ("other issuer", t.Mint(Roles.Admin, issuer: "http://evil.example/"));
        yield return ("id_token type", t.Mint(Roles.Admin, type: "JWT"));
    }

    /// <summary>Asserts 401 for every bad token on GET <paramref name="path"/>, and not 401 for a good admin token.</summary>
    public static async Task RejectsBadTokensAsync(HttpClient client, string path)
    {
        foreach (var (name, token) in BadTokens())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path} with {name}: expected 401, got {(int)response.StatusCode}");
        }
        using var ok = new HttpRequestMessage(HttpMethod.Get, path);
        ok.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Shared.Mint(Roles.Admin));
        using var okResponse = await client.SendAsync(ok);
        Assert.NotEqual(HttpStatusCode.Unauthorized, okResponse.StatusCode);
    }
}
