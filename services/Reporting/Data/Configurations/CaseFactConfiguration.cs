using MediationPlatform.Reporting.Features.Projections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Reporting.Data.Configurations;

public sealed class CaseFactConfiguration : IEntityTypeConfiguration<CaseFact>
{
    public void Configure(EntityTypeBuilder<CaseFact> e)
    {
        e.HasKey(x => x.CaseId);
        e.Property(x => x.AmountInvolved).HasPrecision(14, 2);
        e.HasIndex(x => new { x.TownCode, x.ReceivedYear });
        e.HasIndex(x => new { x.DistrictCode, x.ReceivedYear });
    }
}
