using MediationPlatform.Cases.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class CaseSessionConfiguration : IEntityTypeConfiguration<CaseSession>
{
    public void Configure(EntityTypeBuilder<CaseSession> e)
    {
        e.ToTable("case_sessions");
        e.HasKey(x => x.SessionId);
        e.Property(x => x.SessionId).ValueGeneratedNever();
        e.Property(x => x.Location).HasMaxLength(200);
        e.Property(x => x.Summary).HasMaxLength(4000);
        e.HasIndex(x => x.CaseId);
    }
}

public sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> e)
    {
        e.ToTable("issued_documents");
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Data).HasColumnType("jsonb");
        e.Property(x => x.ContentHash).HasMaxLength(64);
        e.Property(x => x.IssuedBy).HasMaxLength(100);
        // two issues of the same document at once cannot both become version n
        e.HasIndex(x => new { x.CaseId, x.Kind, x.Version }).IsUnique();
    }
}
