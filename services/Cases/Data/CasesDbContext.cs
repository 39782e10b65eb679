using MediationPlatform.ServiceDefaults.Web;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Data;

public sealed class CasesDbContext(DbContextOptions<CasesDbContext> options) : DbContext(options)
{
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<RegionRef> Regions => Set<RegionRef>();
    public DbSet<CaseNumberCounter> CaseNumberCounters => Set<CaseNumberCounter>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<OverdueNotice> OverdueNotices => Set<OverdueNotice>();
    public DbSet<CaseReferral> Referrals => Set<CaseReferral>();
    public DbSet<RiskRegister> RiskRegisters => Set<RiskRegister>();
    public DbSet<RiskItem> RiskItems => Set<RiskItem>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.UseUtcTimestamps();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<Case>(e =>
        {
            e.HasIndex(x => x.Number).IsUnique();
            e.Property(x => x.Number).HasMaxLength(40);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.RegionCode).HasMaxLength(40);
            e.Property(x => x.ExternalRef).HasMaxLength(100);
            e.Property(x => x.RegisteredBy).HasMaxLength(100);
            e.Property(x => x.AmountInvolved).HasPrecision(14, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.RegionCode, x.ReceivedAt });
            e.HasIndex(x => new { x.TownCode, x.ReceivedAt });
            e.HasIndex(x => x.AssignedMediatorId);
            e.HasMany(x => x.Parties).WithOne().HasForeignKey(p => p.CaseId);
            e.HasMany(x => x.Referrals).WithOne().HasForeignKey(r => r.CaseId);
        });
        model.Entity<Party>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(500);
            e.HasIndex(x => x.IdNumberHash);
        });
        model.Entity<TimelineEntry>(e =>
        {
            e.HasIndex(x => new { x.CaseId, x.Version });
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.Details).HasColumnType("jsonb");
        });
        model.Entity<RegionRef>(e => e.HasKey(x => x.Code));
        model.Entity<CaseNumberCounter>(e => e.HasKey(x => new { x.Prefix, x.Year, x.Kind }));
        model.Entity<IdempotencyRecord>(e =>
        {
            e.HasKey(x => new { x.UserId, x.Key });
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.UserId).HasMaxLength(100);
            e.Property(x => x.ResponseBody).HasColumnType("jsonb");
        });
        model.Entity<Case>().Property(x => x.AmountAgreed).HasPrecision(14, 2);
        // New referrals are added through the case's collection: a client-set key must mean "new", not "existing".
        model.Entity<CaseReferral>(e => e.Property(x => x.Id).ValueGeneratedNever());
        model.Entity<AccessLogEntry>(e =>
        {
            e.HasIndex(x => new { x.CaseId, x.At });
            e.Property(x => x.Purpose).HasMaxLength(500);
            e.Property(x => x.UserId).HasMaxLength(100);
            e.Property(x => x.UserName).HasMaxLength(100);
        });
        model.Entity<RiskRegister>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.RegionCode).HasMaxLength(40);
            e.Property(x => x.TownCode).HasMaxLength(40);
            e.Property(x => x.DistrictCode).HasMaxLength(40);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.RegionCode, x.Year });
            e.HasIndex(x => new { x.TownCode, x.Year });
            e.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.RegisterId);
        });
        model.Entity<RiskItem>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.OpenedBy).HasMaxLength(100);
            e.Property(x => x.ClosedBy).HasMaxLength(100);
            e.Property(x => x.CloseNote).HasMaxLength(2000);
            // closing is "UPDATE … WHERE closed = false": of two concurrent closes exactly one wins
            e.Property(x => x.Closed).IsConcurrencyToken();
            e.HasIndex(x => x.CaseId);
        });
        model.Entity<OverdueNotice>(e =>
        {
            e.HasKey(x => new { x.CaseId, x.Deadline, x.DueAt });
            e.Property(x => x.Deadline).HasMaxLength(20);
        });
    }
}

public sealed class Case
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public CaseKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public DisputeCategory Category { get; set; }
    public PetitionType? PetitionType { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public CaseSource Source { get; set; }
    public CaseChannel Channel { get; set; }
    public RiskLevel RiskLevel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int PartyCount { get; set; }
    public decimal? AmountInvolved { get; set; }
    public string? ExternalRef { get; set; }
    public CaseStatus Status { get; set; }
    public Guid? AssignedMediatorId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? MediationDueAt { get; set; }
    public DateTimeOffset? AcceptanceDueAt { get; set; }
    public DateTimeOffset? ConclusionDueAt { get; set; }
    public DateTimeOffset? ReviewDueAt { get; set; }

    /// <summary>When the latest step happened (as entered); a new step may not be dated before it.</summary>
    public DateTimeOffset LastOccurredAt { get; set; }

    /// <summary>When the case reached an end status (resolved, unresolved, withdrawn, transferred, not accepted, concluded).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public AgreementType? AgreementType { get; set; }
    public string? AgreementSummary { get; set; }
    public decimal? AmountAgreed { get; set; }
    public DateTimeOffset? PerformanceDueAt { get; set; }
    public bool EscalationPrevented { get; set; }
    public JudicialConfirmationStatus? JudicialConfirmationStatus { get; set; }
    public DateTimeOffset? JudicialConfirmationDueAt { get; set; }
    public AdvisedRoute? AdvisedRoute { get; set; }
    public string? OutcomeReason { get; set; }
    public int ExtensionDays { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ConcludedAt { get; set; }
    public Opinion? Opinion { get; set; }
    public string? OpinionSummary { get; set; }
    public bool? ConcludedOnTime { get; set; }
    public ReviewLevel? ReviewLevel { get; set; }
    public int FollowUps { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Grows by one with every change; the ETag, the optimistic-concurrency token and every event's version.</summary>
    public int Version { get; set; }

    public List<Party> Parties { get; set; } = [];
    public List<CaseReferral> Referrals { get; set; } = [];
}

/// <summary>A referral made from this case and what the agency reported back.</summary>
public sealed class CaseReferral
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Agency Agency { get; set; }
    public string Reason { get; set; } = "";
    public bool Whole { get; set; }
    public ReferralStatus Status { get; set; }
    public Guid? OrganizationId { get; set; }
    public ReferralOutcome? Outcome { get; set; }
    public string? Summary { get; set; }

    /// <summary>By when the agency should answer, in working days (court 3, whole transfer 5); null where no rule sets one.</summary>
    public DateTimeOffset? RespondBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A party. ID number and phone are stored only encrypted; the ID number is findable through a keyed hash.</summary>
public sealed class Party
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public PartyRole Role { get; set; }
    public PartyKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string? IdNumberEncrypted { get; set; }
    public string? IdNumberHash { get; set; }
    public string? IdNumberMasked { get; set; }
    public string? PhoneEncrypted { get; set; }
    public string? PhoneMasked { get; set; }
    public string? Address { get; set; }
}

/// <summary>One change of a case: what, who, when it happened (as entered) and when it was recorded.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int Version { get; set; }
    public string Action { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? Details { get; set; }

    /// <summary>The entry for a change of <paramref name="c"/> at its current version.</summary>
    public static TimelineEntry For(Case c, string action, string actor, DateTimeOffset occurredAt, DateTimeOffset recordedAt, object? details) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = c.Id,
        Version = c.Version,
        Action = action,
        Actor = actor,
        OccurredAt = occurredAt,
        RecordedAt = recordedAt,
        Details = details is null ? null : System.Text.Json.JsonSerializer.Serialize(details, EventSerializer.Options),
    };
}

/// <summary>The directory's regions as this service learned them from RegionRegistered.</summary>
public sealed class RegionRef
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RegionKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
}

/// <summary>Last number handed out per town, year (CST) and kind; incremented atomically with an upsert.</summary>
public sealed class CaseNumberCounter
{
    public string Prefix { get; set; } = "";
    public int Year { get; set; }
    public CaseKind Kind { get; set; }
    public int LastValue { get; set; }
}

/// <summary>One unmasked read of a case's personal data: who, when, which case, why (个人信息保护法).</summary>
public sealed class AccessLogEntry
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string Purpose { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>A risk register (风险清单/台账) of one region and year; its items are closed one by one (销号).</summary>
public sealed class RiskRegister
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public int Year { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<RiskItem> Items { get; set; } = [];
}

/// <summary>One risk (风险隐患) in a register, with its history: opened by/at, closed by/at and the closing note.</summary>
public sealed class RiskItem
{
    public Guid Id { get; set; }
    public Guid RegisterId { get; set; }
    public string Description { get; set; } = "";
    public RiskLevel Level { get; set; }
    public Guid? CaseId { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset OpenedRecordedAt { get; set; }
    public bool Closed { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? ClosedRecordedAt { get; set; }
    public string? CloseNote { get; set; }
}

/// <summary>A missed deadline already announced with CaseOverdue (the key makes it once per deadline and due date).</summary>
public sealed class OverdueNotice
{
    public Guid CaseId { get; set; }
    public string Deadline { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset NotifiedAt { get; set; }
}
