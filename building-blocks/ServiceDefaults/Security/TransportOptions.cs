namespace MediationPlatform.ServiceDefaults.Security;

/// <summary>
/// Configuration section <c>Transport</c>: how a process is reached (ADR 0015).
/// <list type="bullet">
/// <item><c>https</c> — Kestrel serves TLS itself (certificate from <c>Kestrel:Certificates:Default:Path</c>/<c>KeyPath</c>); HSTS.</item>
/// <item><c>proxy</c> — behind a TLS-terminating proxy named in <see cref="TrustedProxies"/>/<see cref="TrustedNetworks"/>:
/// <c>X-Forwarded-For</c>/<c>-Proto</c> are accepted from it only (the client's real address feeds rate limits); HSTS.</item>
/// <item><c>internal</c> — a service reachable only from the gateway inside a private network (a compose network, a
/// Kubernetes NetworkPolicy, loopback); not allowed for the gateway.</item>
/// <item><c>http</c> — plain HTTP: Development and tests only.</item>
/// </list>
/// In Production a process refuses to start without a mode that fits it.
/// </summary>
public sealed class TransportOptions
{
    public const string Https = "https";
    public const string Proxy = "proxy";
    public const string Internal = "internal";
    public const string Http = "http";

    public string? Mode { get; set; }

    /// <summary>Addresses of the TLS-terminating proxies whose forwarded headers are believed (mode <c>proxy</c>).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of such proxies.</summary>
    public List<string> TrustedNetworks { get; set; } = [];

    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
