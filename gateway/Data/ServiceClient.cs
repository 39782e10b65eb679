namespace MediationPlatform.Gateway.Data;

/// <summary>
/// The claims a system client (a police or court system using client credentials) receives. The secret itself lives,
/// hashed, in OpenIddict's application table.
/// </summary>
public sealed class ServiceClient
{
    public string ClientId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public List<string> RegionCodes { get; set; } = [];
    public Guid? OrganizationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A disabled client gets no token, and the tokens it has are refused (ADR 0015).</summary>
    public bool Disabled { get; set; }

    /// <summary>Renewed when the client is disabled or its secret rotated: tokens carrying an older one are refused.</summary>
    public Guid SecurityStamp { get; set; } = Guid.NewGuid();
}
