using MediationPlatform.Cases.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class OrganizationRefConfiguration : IEntityTypeConfiguration<OrganizationRef>
{
    public void Configure(EntityTypeBuilder<OrganizationRef> e)
    {
        e.ToTable("organizations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.RegionCode).HasMaxLength(40);
    }
}
