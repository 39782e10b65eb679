namespace MediationPlatform.ServiceDefaults.Auth;

/// <summary>Configuration section <c>Auth</c>, the same in the gateway and every service.</summary>
public sealed class AuthSettings
{
    /// <summary>Issuer of the gateway's token endpoint, ending with '/'.</summary>
    public string Issuer { get; set; } = "http://localhost:5080/";

    /// <summary>The resource every access token is issued for.</summary>
    public string Audience { get; set; } = "mediation-api";

    /// <summary>
    /// PEM file of the RSA signing key. The gateway needs the private key; services read only the public part
    /// (a PEM holding just the public key is enough for them).
    /// </summary>
    public string SigningKeyPath { get; set; } = ".local/keys/signing-key.pem";

    /// <summary>Tolerated clock difference between the gateway and a service (quality.md: at most 30 s).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
