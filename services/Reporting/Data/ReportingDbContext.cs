using MediationPlatform.BuildingBlocks.Messaging;
using MediationPlatform.Contracts;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Data;

/// <summary>Projections only: one fact row per case, the region tree, mediators. No personal data, ever.</summary>
public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    public DbSet<CaseFact> CaseFacts => Set<CaseFact>();
    public DbSet<RegionNode> Regions => Set<RegionNode>();
    public DbSet<MediatorFact> Mediators => Set<MediatorFact>();

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
        model.Entity<RegionNode>(e => e.HasKey(x => x.Code));
        model.Entity<MediatorFact>(e => e.HasKey(x => x.MediatorId));
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
