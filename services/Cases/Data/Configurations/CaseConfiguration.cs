using System.Text.Json;
using MediationPlatform.Cases.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Case> e)
    {
        e.HasIndex(x => x.Number).IsUnique();
        e.Property(x => x.Number).HasMaxLength(40);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.Property(x => x.RegionCode).HasMaxLength(40);
        e.Property(x => x.TownCode).HasMaxLength(40);
        e.Property(x => x.DistrictCode).HasMaxLength(40);
        e.Property(x => x.ExternalRef).HasMaxLength(100);
        e.Property(x => x.RegisteredBy).HasMaxLength(100);
        e.Property(x => x.DueKind).HasMaxLength(20);
        e.Property(x => x.AmountInvolved).HasPrecision(14, 2);
        e.Property(x => x.AmountAgreed).HasPrecision(14, 2);
        // the row lock (CaseStore) serialises changes; the version stays a concurrency token as the backstop
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.RegionCode, x.ReceivedAt });
        e.HasIndex(x => new { x.TownCode, x.ReceivedAt });
        e.HasIndex(x => x.AssignedMediatorId);
        e.HasIndex(x => x.DueAt).HasFilter("due_at IS NOT NULL"); // supervision and the overdue check read open deadlines only
        e.HasMany(x => x.Parties).WithOne().HasForeignKey(p => p.CaseId);
        e.HasMany(x => x.Referrals).WithOne().HasForeignKey(r => r.CaseId);
        e.HasMany(x => x.Links).WithOne().HasForeignKey(l => l.CaseId);
        e.Ignore(x => x.PendingChanges);
        e.Ignore(x => x.Place);
        e.Ignore(x => x.IsOpen);
        e.Ignore(x => x.HasConclusionPeriod);
        e.Ignore(x => x.Regulation);
        e.Ignore(x => x.MatterClosed);
        e.Ignore(x => x.HandedIn);
        e.Ignore(x => x.PartiesInOrder);
        JsonList(e.Property(x => x.Prevented));
        // an agreement's terms: read and written with the case, never queried on their own
        JsonList(e.Property(x => x.Obligations));
        // an agency's number makes one case, however often and however concurrently it is sent (api.md, Intake)
        e.HasIndex(x => new { x.IntakeOrganizationId, x.ExternalRef }).IsUnique().HasFilter("intake_organization_id IS NOT NULL");
        e.HasIndex(x => x.IntakeId).IsUnique().HasFilter("intake_id IS NOT NULL");
        e.HasIndex(x => x.AwaitingMediatorSince).HasFilter("awaiting_mediator_since IS NOT NULL"); // supervision: awaiting a mediator
    }

    /// <summary>A small list of records read and written with the case as one jsonb column (never queried on its own).</summary>
    private static void JsonList<T>(PropertyBuilder<List<T>> property) => property.HasColumnType("jsonb").HasConversion(
        v => JsonSerializer.Serialize(v, JsonOptions),
        s => JsonSerializer.Deserialize<List<T>>(s, JsonOptions) ?? new List<T>(),
        new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, o) => HashCode.Combine(h, o)), v => v.ToList()));
}
