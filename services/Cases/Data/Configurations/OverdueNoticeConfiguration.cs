using MediationPlatform.Cases.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class OverdueNoticeConfiguration : IEntityTypeConfiguration<OverdueNotice>
{
    public void Configure(EntityTypeBuilder<OverdueNotice> e)
    {
        e.HasKey(x => new { x.CaseId, x.Deadline, x.DueAt, x.ReferralId });
        e.Property(x => x.Deadline).HasMaxLength(20);
    }
}
