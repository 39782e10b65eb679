using MediationPlatform.Cases.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> e)
    {
        e.ToTable("timeline");
        e.HasIndex(x => new { x.CaseId, x.Version });
        e.Property(x => x.Action).HasMaxLength(60);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.Details).HasColumnType("jsonb");
    }
}
