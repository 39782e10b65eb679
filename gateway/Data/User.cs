using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Gateway.Data;

/// <summary>A person who signs in with the password grant. The hash is ASP.NET Core Identity's (PBKDF2).</summary>
public sealed class User
{
    public Guid Id { get; set; }
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public List<string> RegionCodes { get; set; } = [];
    public Guid? OrganizationId { get; set; }
    public Guid? MediatorId { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
