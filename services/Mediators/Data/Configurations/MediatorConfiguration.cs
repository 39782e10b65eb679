using MediationPlatform.Mediators.Features.Mediators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class MediatorConfiguration : IEntityTypeConfiguration<Mediator>
{
    public void Configure(EntityTypeBuilder<Mediator> e)
    {
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Phone).HasMaxLength(40);
        // concurrent assignments to one mediator conflict on xmin and are retried (capacity stays exact)
        e.Property(x => x.RowVersion).IsRowVersion();
    }
}
