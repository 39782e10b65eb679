using MediationPlatform.ServiceDefaults.Web;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Data;

public sealed class MediatorsDbContext(DbContextOptions<MediatorsDbContext> options) : DbContext(options)
{
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
        // Booking rows carry an exclusion constraint (resource_id WITH =, during WITH &&) added in the Sessions migration.
        model.HasPostgresExtension("btree_gist");
        model.Entity<Region>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.ParentCode);
        });
        model.Entity<Organization>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.WebhookUrl).HasMaxLength(500);
            e.Property(x => x.WebhookSecret).HasMaxLength(200);
        });
        model.Entity<Mediator>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Phone).HasMaxLength(40);
            // Concurrent assignments to one mediator conflict on xmin and are retried (capacity stays exact).
            e.Property(x => x.RowVersion).IsRowVersion();
        });
        model.Entity<CaseRef>(e =>
        {
            e.HasKey(x => x.CaseId);
            // Concurrent (re)assignments or closings of one case conflict on xmin and are retried.
            e.Property(x => x.RowVersion).IsRowVersion();
        });
        model.Entity<Assignment>(e => e.HasIndex(x => x.CaseId));
        model.Entity<Session>(e =>
        {
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.Location).HasMaxLength(200);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.RowVersion).IsRowVersion();
        });
        model.Entity<WebhookDelivery>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.EventType).HasMaxLength(40);
            // text, not jsonb: the exact bytes that are signed and sent (jsonb would reorder keys)
            e.Property(x => x.LastError).HasMaxLength(500);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.OrganizationId, x.CreatedAt });
        });
        model.Entity<IdempotencyRecord>(e =>
        {
            e.HasKey(x => new { x.UserId, x.Key });
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.UserId).HasMaxLength(100);
        });
        model.Entity<DirectoryChange>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.EntityKind).HasMaxLength(20);
            e.Property(x => x.Changes).HasColumnType("jsonb");
            e.HasIndex(x => new { x.EntityId, x.At });
        });
        model.Entity<WebhookAttempt>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Error).HasMaxLength(500);
            e.HasIndex(x => x.DeliveryId);
        });
        model.Entity<SessionBooking>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.SessionId);
            e.HasOne<Session>().WithMany(s => s.Bookings).HasForeignKey(x => x.SessionId);
        });
        model.Entity<Referral>(e =>
        {
            e.HasIndex(x => new { x.OrganizationId, x.Status });
            e.Property(x => x.RowVersion).IsRowVersion();
        });
    }
}

public sealed class Region
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RegionKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Organization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public OrganizationKind Kind { get; set; }
    public string RegionCode { get; set; } = "";
    public List<string> ServesRegionCodes { get; set; } = [];
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Mediator
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public MediatorKind Kind { get; set; }
    public Guid OrganizationId { get; set; }
    public List<string> RegionCodes { get; set; } = [];
    public List<DisputeCategory> Specialties { get; set; } = [];
    public int MaxActiveCases { get; set; }
    public bool Active { get; set; } = true;
    public int ActiveCases { get; set; }
    public DateTimeOffset? LastAssignedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint RowVersion { get; set; }
}

/// <summary>What this service knows of a case (from case events): enough to assign and to keep workload current.</summary>
public sealed class CaseRef
{
    public Guid CaseId { get; set; }
    public CaseKind Kind { get; set; }
    public string Number { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DisputeCategory Category { get; set; }
    public RiskLevel RiskLevel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid? AssignedMediatorId { get; set; }
    public bool Closed { get; set; }

    /// <summary>Known only from an ending that arrived before <c>CaseRegistered</c> (closed, no place yet).</summary>
    public bool Placeholder { get; set; }
    public int Version { get; set; }
    public uint RowVersion { get; set; }
}

public sealed class Assignment
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid MediatorId { get; set; }
    public Guid? PreviousMediatorId { get; set; }
    public bool Automatic { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string AssignedBy { get; set; } = "";
}

/// <summary>A referral in the receiving agency's inbox (routed to the organisation of that kind serving the case's region).</summary>
public sealed class Referral
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string CaseNumber { get; set; } = "";
    public string Title { get; set; } = "";
    public CaseKind Kind { get; set; }
    public DisputeCategory Category { get; set; }
    public Agency Agency { get; set; }
    public string Reason { get; set; } = "";
    public bool Whole { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public List<string> PartyNames { get; set; } = [];

    /// <summary>null while unrouted: no organisation of that kind serves the region (visible to supervisors).</summary>
    public Guid? OrganizationId { get; set; }

    public ReferralStatus Status { get; set; }
    public ReferralOutcome? Outcome { get; set; }
    public string? Summary { get; set; }
    public string? DeclineReason { get; set; }
    public DateTimeOffset ReferredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset LastOccurredAt { get; set; }
    public uint RowVersion { get; set; }
}

/// <summary>A mediation session (调解会) booked for a case.</summary>
public sealed class Session
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public List<Guid> MediatorIds { get; set; } = [];
    public Guid? RoomId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string? Location { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }

    /// <summary>null until the outcome is recorded.</summary>
    public bool? Held { get; set; }
    public int? AttendeeCount { get; set; }
    public string? Summary { get; set; }
    public DateTimeOffset? RecordedOccurredAt { get; set; }
    public string? RecordedBy { get; set; }
    public string ScheduledBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
    public uint RowVersion { get; set; }
    public List<SessionBooking> Bookings { get; set; } = [];
}

public enum BookingResource { Mediator, Room }

/// <summary>
/// One booked resource (a mediator or a room) of a session for [startsAt, endsAt). The database column
/// <c>during</c> = <c>tstzrange(starts_at, ends_at, '[)')</c> is generated, and the exclusion constraint
/// <c>session_bookings_no_overlap</c> forbids two overlapping rows for one resource: double booking is impossible
/// even under concurrent requests.
/// </summary>
public sealed class SessionBooking
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid ResourceId { get; set; }
    public BookingResource ResourceKind { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
}

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One JSON document to POST to an organisation's webhook: written in the same transaction as the referral change it
/// reports (an outbox of its own), sent by the webhook worker.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ReferralId { get; set; }
    public string EventType { get; set; } = "";
    public string Payload { get; set; } = "";
    public WebhookDeliveryStatus Status { get; set; }
    public int Rounds { get; set; }
    public int AttemptCount { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One HTTP attempt of a delivery (every attempt is logged).</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; set; }
    public Guid DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}

/// <summary>History of the directory: one row per PATCH of an organisation or a mediator, with each changed field's old and new value.</summary>
public sealed class DirectoryChange
{
    public Guid Id { get; set; }
    public string EntityKind { get; set; } = "";
    public Guid EntityId { get; set; }
    public string Changes { get; set; } = "{}";
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
