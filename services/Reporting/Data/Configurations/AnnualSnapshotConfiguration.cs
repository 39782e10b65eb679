using MediationPlatform.Reporting.Features.Annual;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Reporting.Data.Configurations;

/// <summary>Insert-only: the migration adds triggers that refuse UPDATE, DELETE and TRUNCATE (ADR 0008).</summary>
public sealed class AnnualSnapshotConfiguration : IEntityTypeConfiguration<AnnualSnapshot>
{
    public void Configure(EntityTypeBuilder<AnnualSnapshot> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Figures).HasColumnType("jsonb");
        e.Property(x => x.RegionNames).HasColumnType("jsonb");
        e.Property(x => x.Trigger).HasMaxLength(20);
        e.HasIndex(x => new { x.Year, x.RegionCode, x.GeneratedAt });
        e.Property(x => x.IdempotencyKey).HasMaxLength(200);
        e.HasIndex(x => x.IdempotencyKey).IsUnique();
    }
}
