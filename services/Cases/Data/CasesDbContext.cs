using MediationPlatform.Cases.Data.Configurations;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Deadlines;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Cases.Features.Documents;
using MediationPlatform.Cases.Features.Imports;
using MediationPlatform.Cases.Features.Numbering;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Cases.Features.RiskRegisters;
using MediationPlatform.Cases.Features.Timeline;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Data;

/// <summary>The case service's database. Each entity lives beside its feature; its mapping is in <c>Data/Configurations</c>.</summary>
public sealed class CasesDbContext : DbContext
{
    public CasesDbContext(DbContextOptions<CasesDbContext> options) : base(options) => ServiceDatabase.UnitsOfWork(Database);

    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<CaseReferral> Referrals => Set<CaseReferral>();
    public DbSet<CaseLink> Links => Set<CaseLink>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<RegionRef> Regions => Set<RegionRef>();
    public DbSet<MediatorRef> Mediators => Set<MediatorRef>();
    public DbSet<OrganizationRef> Organizations => Set<OrganizationRef>();
    public DbSet<CaseNumberCounter> CaseNumberCounters => Set<CaseNumberCounter>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<OverdueNotice> OverdueNotices => Set<OverdueNotice>();
    public DbSet<RiskRegister> RiskRegisters => Set<RiskRegister>();
    public DbSet<RiskItem> RiskItems => Set<RiskItem>();
    public DbSet<LedgerImport> LedgerImports => Set<LedgerImport>();
    public DbSet<LedgerImportPayload> LedgerImportPayloads => Set<LedgerImportPayload>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<CaseSession> Sessions => Set<CaseSession>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.UseUtcTimestamps();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.AddIdempotencyRecords();
        model.AddAuditTrail();
        model.ApplyConfiguration(new CaseConfiguration());
        model.ApplyConfiguration(new PartyConfiguration());
        model.ApplyConfiguration(new CaseReferralConfiguration());
        model.ApplyConfiguration(new CaseLinkConfiguration());
        model.ApplyConfiguration(new TimelineEntryConfiguration());
        model.ApplyConfiguration(new RegionRefConfiguration());
        model.ApplyConfiguration(new MediatorRefConfiguration());
        model.ApplyConfiguration(new CaseNumberCounterConfiguration());
        model.ApplyConfiguration(new AccessLogEntryConfiguration());
        model.ApplyConfiguration(new RiskRegisterConfiguration());
        model.ApplyConfiguration(new RiskItemConfiguration());
        model.ApplyConfiguration(new OverdueNoticeConfiguration());
        model.ApplyConfiguration(new LedgerImportConfiguration());
        model.ApplyConfiguration(new LedgerImportPayloadConfiguration());
        model.ApplyConfiguration(new LedgerEntryConfiguration());
        model.ApplyConfiguration(new CaseSessionConfiguration());
        model.ApplyConfiguration(new IssuedDocumentConfiguration());
    }
}
