using MediationPlatform.Mediators.Data.Configurations;
using MediationPlatform.Mediators.Features.Assignments;
using MediationPlatform.Mediators.Features.History;
using MediationPlatform.Mediators.Features.Mediators;
using MediationPlatform.Mediators.Features.Organizations;
using MediationPlatform.Mediators.Features.Referrals;
using MediationPlatform.Mediators.Features.Regions;
using MediationPlatform.Mediators.Features.Sessions;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Data;

/// <summary>The mediator service's database. Each entity lives beside its feature; its mapping is in <c>Data/Configurations</c>.</summary>
public sealed class MediatorsDbContext : DbContext
{
    public MediatorsDbContext(DbContextOptions<MediatorsDbContext> options) : base(options) => ServiceDatabase.UnitsOfWork(Database);

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Mediator> Mediators => Set<Mediator>();
    public DbSet<CaseRef> Cases => Set<CaseRef>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SessionBooking> SessionBookings => Set<SessionBooking>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<DirectoryChange> DirectoryChanges => Set<DirectoryChange>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.UseUtcTimestamps();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.AddIdempotencyRecords();
        model.HasPostgresExtension("btree_gist"); // the sessions' exclusion constraint
        model.ApplyConfiguration(new RegionConfiguration());
        model.ApplyConfiguration(new OrganizationConfiguration());
        model.ApplyConfiguration(new MediatorConfiguration());
        model.ApplyConfiguration(new CaseRefConfiguration());
        model.ApplyConfiguration(new AssignmentConfiguration());
        model.ApplyConfiguration(new ReferralConfiguration());
        model.ApplyConfiguration(new SessionConfiguration());
        model.ApplyConfiguration(new SessionBookingConfiguration());
        model.ApplyConfiguration(new WebhookDeliveryConfiguration());
        model.ApplyConfiguration(new WebhookAttemptConfiguration());
        model.ApplyConfiguration(new DirectoryChangeConfiguration());
    }
}
