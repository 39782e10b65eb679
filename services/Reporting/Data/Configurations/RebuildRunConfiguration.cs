using MediationPlatform.Reporting.Features.Rebuild;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Reporting.Data.Configurations;

public sealed class RebuildRunConfiguration : IEntityTypeConfiguration<RebuildRun>
{
    public void Configure(EntityTypeBuilder<RebuildRun> e)
    {
        e.ToTable("rebuild_runs");
        e.HasKey(x => x.Id);
        e.Property(x => x.Status).HasMaxLength(20);
        e.Property(x => x.Error).HasMaxLength(2000);
        e.HasIndex(x => x.StartedAt);
    }
}
