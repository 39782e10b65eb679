using MediationPlatform.Mediators.Features.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> e)
    {
        e.HasIndex(x => new { x.OrganizationId, x.Status });
        e.Property(x => x.RowVersion).IsRowVersion();
        e.Ignore(x => x.Place);
    }
}
