using MediationPlatform.Mediators.Features.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> e)
    {
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.ShortName).HasMaxLength(10);
        e.Ignore(x => x.ShortNameOrDefault);
        e.HasIndex(x => x.ParentCode);
        e.Ignore(x => x.Path);
    }
}
