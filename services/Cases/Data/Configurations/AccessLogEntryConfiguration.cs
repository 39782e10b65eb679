using MediationPlatform.Cases.Features.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> e)
    {
        e.ToTable("access_log");
        e.HasIndex(x => new { x.CaseId, x.At });
        e.Property(x => x.Purpose).HasMaxLength(500);
        e.Property(x => x.UserId).HasMaxLength(100);
        e.Property(x => x.UserName).HasMaxLength(100);
    }
}
