using MediationPlatform.Reporting.Features.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Reporting.Data.Configurations;

public sealed class CaseCounterConfiguration : IEntityTypeConfiguration<CaseCounter>
{
    public void Configure(EntityTypeBuilder<CaseCounter> e)
    {
        e.HasKey(x => new { x.RegionCode, x.Year, x.Metric, x.Key });
        e.Property(x => x.Metric).HasConversion<string>().HasMaxLength(40); // the enum's name: readable in SQL, stable across reorderings
        e.Property(x => x.Key).HasMaxLength(80); // the statistics keys: MM|category|column
        e.Property(x => x.Value).HasPrecision(18, 2);
        e.HasIndex(x => new { x.TownCode, x.Year });
        e.HasIndex(x => new { x.DistrictCode, x.Year });
        e.HasIndex(x => x.Year);
    }
}
