using MediationPlatform.Cases.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class RegionRefConfiguration : IEntityTypeConfiguration<RegionRef>
{
    public void Configure(EntityTypeBuilder<RegionRef> e)
    {
        e.ToTable("regions");
        e.HasKey(x => x.Code);
        e.Ignore(x => x.Path);
        e.Property(x => x.ShortName).HasMaxLength(10);
    }
}
