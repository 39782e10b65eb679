using MediationPlatform.Cases.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class CaseReferralConfiguration : IEntityTypeConfiguration<CaseReferral>
{
    public void Configure(EntityTypeBuilder<CaseReferral> e)
    {
        e.ToTable("referrals");
        // new referrals are added through the case's collection: a client-set key must mean "new", not "existing"
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.Summary).HasMaxLength(4000);
        e.HasIndex(x => x.RespondBy).HasFilter("status = 0 AND respond_by IS NOT NULL"); // pending with a deadline
    }
}
