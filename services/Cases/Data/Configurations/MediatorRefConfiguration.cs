using MediationPlatform.Cases.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class MediatorRefConfiguration : IEntityTypeConfiguration<MediatorRef>
{
    public void Configure(EntityTypeBuilder<MediatorRef> e)
    {
        e.ToTable("mediators");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Name).HasMaxLength(100);
    }
}
