using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Gateway.Data;

/// <summary>The gateway's own database (<c>identity</c>): users, system clients' claims, and OpenIddict's tables.</summary>
public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<ServiceClient> ServiceClients => Set<ServiceClient>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.UseUtcTimestamps();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.UseOpenIddict();
        model.Entity<User>(e =>
        {
            e.HasIndex(x => x.NormalizedUserName).IsUnique();
            e.Property(x => x.UserName).HasMaxLength(100);
            e.Property(x => x.NormalizedUserName).HasMaxLength(100);
            e.Property(x => x.DisplayName).HasMaxLength(100);
        });
        model.Entity<ServiceClient>(e =>
        {
            e.HasKey(x => x.ClientId);
            e.Property(x => x.ClientId).HasMaxLength(100);
        });
    }
}

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
