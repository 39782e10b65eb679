using MediationPlatform.Messaging;
using MediationPlatform.Reporting.Data.Configurations;
using MediationPlatform.Reporting.Features.Annual;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.Reporting.Features.Rebuild;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Data;

/// <summary>
/// Projections only: one fact row per case and the counters that follow them, the region tree, mediators, referrals,
/// sessions, risk items, missed deadlines, and the annual snapshots. No personal data, ever. A plain DbContext: the
/// counters are moved by the projections themselves (<see cref="CaseFactSet"/>), not by a save hook.
/// </summary>
public sealed class ReportingDbContext : DbContext
{
    public ReportingDbContext(DbContextOptions<ReportingDbContext> options) : base(options) => ServiceDatabase.UnitsOfWork(Database);

    public DbSet<CaseFact> CaseFacts => Set<CaseFact>();
    public DbSet<CaseCounter> CaseCounters => Set<CaseCounter>();
    public DbSet<RegionNode> Regions => Set<RegionNode>();
    public DbSet<MediatorFact> Mediators => Set<MediatorFact>();
    public DbSet<ReferralFact> Referrals => Set<ReferralFact>();
    public DbSet<ReferralOutcomeFact> ReferralOutcomes => Set<ReferralOutcomeFact>();
    public DbSet<SessionFact> Sessions => Set<SessionFact>();
    public DbSet<RiskItemFact> RiskItems => Set<RiskItemFact>();
    public DbSet<OverdueFact> OverdueFacts => Set<OverdueFact>();
    public DbSet<AnnualSnapshot> AnnualSnapshots => Set<AnnualSnapshot>();
    public DbSet<RebuildRun> RebuildRuns => Set<RebuildRun>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.UseUtcTimestamps();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.AddAuditTrail();
        model.ApplyConfiguration(new CaseFactConfiguration());
        model.ApplyConfiguration(new CaseCounterConfiguration());
        model.AddProjectionRows();
        model.ApplyConfiguration(new AnnualSnapshotConfiguration());
        model.ApplyConfiguration(new RebuildRunConfiguration());
    }
}
