using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Data;
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
        model.AddAuditTrail();
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
