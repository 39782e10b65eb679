using System.Security.Claims;
using System.Security.Cryptography;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MediationPlatform.TestKit;

/// <summary>
/// Mints real access tokens — the same shape the gateway issues (at+jwt, RS256, sub/name/role/region/mediator_id/
/// organization_id, issuer, audience) — for any role, signed with a key pair written to a temp folder that the
/// services under test are configured with. <see cref="Foreign"/> is a second key nobody trusts.
/// </summary>
public sealed class TestTokens
{
    public const string Issuer = "http://test-issuer.local/";
    public const string Audience = "mediation-api";

    public static TestTokens Shared { get; } = new();
    public static TestTokens Foreign { get; } = new();

    private readonly RsaSecurityKey _key;

    /// <summary>PEM with the private key (what the gateway uses).</summary>
    public string PrivateKeyPath { get; }

    /// <summary>PEM with only the public key (what the services use).</summary>
    public string PublicKeyPath { get; }

    private TestTokens()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mediation-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var rsa = RSA.Create(2048);
        var id = Guid.NewGuid().ToString("N")[..8];
        PrivateKeyPath = Path.Combine(dir, $"signing-{id}.pem");
        PublicKeyPath = Path.Combine(dir, $"signing-{id}.pub.pem");
        File.WriteAllText(PrivateKeyPath, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(PublicKeyPath, rsa.ExportSubjectPublicKeyInfoPem());
        _key = new RsaSecurityKey(rsa) { KeyId = SigningKeys.KeyIdOf(rsa) };
    }

    public string Mint(
        string role,
        IEnumerable<string>? regions = null,
        Guid? mediatorId = null,
        Guid? organizationId = null,
        string? subject = null,
        TimeSpan? lifetime = null,
        DateTime? notBefore = null,
        string type = "at+jwt",
        string issuer = Issuer,
        string audience = Audience) =>
        Mint([role], regions, mediatorId, organizationId, subject, lifetime, notBefore, type, issuer, audience);

    public string Mint(
        IEnumerable<string> roles,
        IEnumerable<string>? regions = null,
        Guid? mediatorId = null,
        Guid? organizationId = null,
        string? subject = null,
        TimeSpan? lifetime = null,
        DateTime? notBefore = null,
        string type = "at+jwt",
        string issuer = Issuer,
        string audience = Audience,
        IEnumerable<(string Type, string Value)>? extra = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimNames.Subject, subject ?? Guid.NewGuid().ToString()),
            new(ClaimNames.Name, "test user"),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimNames.Role, r)));
        claims.AddRange((regions ?? []).Select(r => new Claim(ClaimNames.Region, r)));
        if (mediatorId is { } m) claims.Add(new Claim(ClaimNames.MediatorId, m.ToString()));
        if (organizationId is { } o) claims.Add(new Claim(ClaimNames.OrganizationId, o.ToString()));
        claims.AddRange((extra ?? []).Select(c => new Claim(c.Type, c.Value)));
        var from = notBefore ?? DateTime.UtcNow.AddSeconds(-5);
        var expires = from + (lifetime ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = from,
            IssuedAt = from,
            Expires = expires,
            TokenType = type,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }
}
