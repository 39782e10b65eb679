using MediationPlatform.Contracts;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Data;

/// <summary>Projections only: one fact row per case, the region tree, mediators. No personal data, ever.</summary>
public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    public DbSet<CaseFact> CaseFacts => Set<CaseFact>();
    public DbSet<CaseCounter> CaseCounters => Set<CaseCounter>();
    public DbSet<RegionNode> Regions => Set<RegionNode>();
    public DbSet<MediatorFact> Mediators => Set<MediatorFact>();
    public DbSet<ReferralFact> Referrals => Set<ReferralFact>();
    public DbSet<ReferralOutcomeFact> ReferralOutcomes => Set<ReferralOutcomeFact>();
    public DbSet<SessionFact> Sessions => Set<SessionFact>();
    public DbSet<RiskItemFact> RiskItems => Set<RiskItemFact>();
    public DbSet<AnnualSnapshot> AnnualSnapshots => Set<AnnualSnapshot>();

    /// <summary>
    /// Every write of case facts — a live event, a replayed page, a test — also moves the figure counters, in the same
    /// transaction (<see cref="Features.Summary.CaseCounters"/>): the counters can never disagree with the facts.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Entries() detects changes first (unless the caller switched that off and detected them itself, as the rebuild does)
        var deltas = Features.Summary.CaseCounters.PendingDeltas(ChangeTracker);
        if (deltas.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            await Features.Summary.CaseCounters.ApplyAsync(this, deltas, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var written = await Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await Database.BeginTransactionAsync(ct);
            await Features.Summary.CaseCounters.ApplyAsync(this, deltas, ct);
            var n = await base.SaveChangesAsync(false, ct);
            await tx.CommitAsync(ct);
            return n;
        }, cancellationToken);
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return written;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.UseUtcTimestamps();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<CaseFact>(e =>
        {
            e.HasKey(x => x.CaseId);
            e.Property(x => x.AmountInvolved).HasPrecision(14, 2);
            e.HasIndex(x => new { x.TownCode, x.ReceivedYear });
            e.HasIndex(x => new { x.DistrictCode, x.ReceivedYear });
        });
        model.Entity<CaseCounter>(e =>
        {
            e.HasKey(x => new { x.RegionCode, x.Year, x.Metric });
            e.Property(x => x.Value).HasPrecision(18, 2);
            e.HasIndex(x => new { x.TownCode, x.Year });
            e.HasIndex(x => new { x.DistrictCode, x.Year });
            e.HasIndex(x => x.Year);
        });
        model.Entity<RegionNode>(e => e.HasKey(x => x.Code));
        model.Entity<MediatorFact>(e => e.HasKey(x => x.MediatorId));
        model.Entity<ReferralFact>(e =>
        {
            e.HasKey(x => x.ReferralId);
            e.Property(x => x.ReferralId).ValueGeneratedNever();
        });
        model.Entity<ReferralOutcomeFact>(e =>
        {
            e.HasKey(x => x.ReferralId);
            e.Property(x => x.ReferralId).ValueGeneratedNever();
        });
        model.Entity<SessionFact>(e =>
        {
            e.HasKey(x => x.SessionId);
            e.Property(x => x.SessionId).ValueGeneratedNever();
        });
        model.Entity<RiskItemFact>(e =>
        {
            e.HasKey(x => x.ItemId);
            e.Property(x => x.ItemId).ValueGeneratedNever();
        });
        model.Entity<AnnualSnapshot>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Figures).HasColumnType("jsonb");
            e.Property(x => x.RegionNames).HasColumnType("jsonb");
            e.Property(x => x.Trigger).HasMaxLength(20);
            e.HasIndex(x => new { x.Year, x.RegionCode, x.GeneratedAt });
            e.Property(x => x.IdempotencyKey).HasMaxLength(200);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
        });
    }
}

/// <summary>
/// One row per case. Registration fields come from CaseRegistered (whenever it arrives); state fields only move
/// forward: an event whose version is not above <see cref="Version"/> never overwrites them.
/// </summary>
public sealed class CaseFact
{
    public Guid CaseId { get; set; }
    public bool Registered { get; set; }
    public CaseKind Kind { get; set; }
    public DisputeCategory Category { get; set; }
    public PetitionType? PetitionType { get; set; }
    public CaseSource Source { get; set; }
    public CaseChannel Channel { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Calendar year of <see cref="ReceivedAt"/> in China Standard Time.</summary>
    public int ReceivedYear { get; set; }

    public int PartyCount { get; set; }
    public decimal? AmountInvolved { get; set; }
    public CaseStatus Status { get; set; }
    public RiskLevel RiskLevel { get; set; }
    public Guid? AssignedMediatorId { get; set; }
    public int Version { get; set; }

    // When each outcome happened (occurredAt as entered). Figures count them in the CST year of these instants.
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? UnresolvedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public DateTimeOffset? TransferredAt { get; set; }
    public AgreementType? AgreementType { get; set; }
    public bool EscalationPrevented { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? NotAcceptedAt { get; set; }
    public DateTimeOffset? ConcludedAt { get; set; }
    public bool ConcludedOnTime { get; set; }
    public Opinion? Opinion { get; set; }
    public DateTimeOffset? ReviewRequestedAt { get; set; }
    public DateTimeOffset? SecondReviewRequestedAt { get; set; }
}

/// <summary>One figure of one region and CST year, kept current by every write of a case fact (see CaseCounters).</summary>
public sealed class CaseCounter
{
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public int Year { get; set; }
    public string Metric { get; set; } = "";
    public decimal Value { get; set; }
}

public sealed class RegionNode
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RegionKind Kind { get; set; }
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
}

public sealed class MediatorFact
{
    public Guid MediatorId { get; set; }
    public MediatorKind Kind { get; set; }
    public List<string> RegionCodes { get; set; } = [];
    public bool Active { get; set; }
}

/// <summary>A referral as the case service announced it (CaseReferred): agency and region, when it was made.</summary>
public sealed class ReferralFact
{
    public Guid ReferralId { get; set; }
    public Guid CaseId { get; set; }
    public Agency Agency { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset MadeAt { get; set; }
}

/// <summary>
/// What the receiving agency did with a referral (ReferralAccepted/Declined/Completed, published by the mediator
/// service). A separate table from <see cref="ReferralFact"/> so each projection table is fed by one publishing service
/// (the rebuild clears and replays per source); joined on the referral id when figures are computed.
/// </summary>
public sealed class ReferralOutcomeFact
{
    public Guid ReferralId { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? DeclinedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>A mediation session (SessionScheduled / SessionHeld). Held is set only when the session took place.</summary>
public sealed class SessionFact
{
    public Guid SessionId { get; set; }
    public Guid CaseId { get; set; }
    public string? RegionCode { get; set; }
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset? ScheduledAt { get; set; }
    public DateTimeOffset? HeldAt { get; set; }
}

/// <summary>An item of a risk register (风险清单): opened and (later) closed (销号).</summary>
public sealed class RiskItemFact
{
    public Guid ItemId { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>
/// One run of the annual aggregation: the figures as they were at <see cref="GeneratedAt"/>. Insert-only — a database
/// trigger rejects UPDATE and DELETE; a rerun adds a new row.
/// </summary>
public sealed class AnnualSnapshot
{
    public Guid Id { get; set; }
    public int Year { get; set; }

    /// <summary>Null: every region of the platform.</summary>
    public string? RegionCode { get; set; }

    public string? RegionName { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>schedule | api | cli</summary>
    public string Trigger { get; set; } = "";

    /// <summary>The figures object, as JSON (camelCase, snake_case enum keys).</summary>
    public string Figures { get; set; } = "{}";

    /// <summary>Names of the regions the figures mention (code → 名称), frozen with the snapshot for the Markdown.</summary>
    public string RegionNames { get; set; } = "{}";

    /// <summary>The <c>Idempotency-Key</c> of the POST that made it: a retried request returns this snapshot, not a new run.</summary>
    public string? IdempotencyKey { get; set; }
}
