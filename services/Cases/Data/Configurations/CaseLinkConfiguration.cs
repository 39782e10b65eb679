using MediationPlatform.Cases.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class CaseLinkConfiguration : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> e)
    {
        e.ToTable("case_links");
        // links are added through the case's collection: a client-set key means "new"
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.LinkedNumber).HasMaxLength(40);
        e.Property(x => x.LinkedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.CaseId, x.LinkedCaseId, x.Relation }).IsUnique();
        e.HasIndex(x => x.LinkedCaseId);
    }
}
