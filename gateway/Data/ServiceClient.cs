using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

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
}
