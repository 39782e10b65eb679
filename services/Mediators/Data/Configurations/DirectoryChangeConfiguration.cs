using MediationPlatform.Mediators.Features.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class DirectoryChangeConfiguration : IEntityTypeConfiguration<DirectoryChange>
{
    public void Configure(EntityTypeBuilder<DirectoryChange> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.EntityKind).HasMaxLength(20);
        e.Property(x => x.Changes).HasColumnType("jsonb");
        e.HasIndex(x => new { x.EntityId, x.At });
    }
}
