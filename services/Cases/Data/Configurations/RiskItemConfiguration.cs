using MediationPlatform.Cases.Features.RiskRegisters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class RiskItemConfiguration : IEntityTypeConfiguration<RiskItem>
{
    public void Configure(EntityTypeBuilder<RiskItem> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.OpenedBy).HasMaxLength(100);
        e.Property(x => x.ClosedBy).HasMaxLength(100);
        e.Property(x => x.CloseNote).HasMaxLength(2000);
        // closing is "UPDATE … WHERE closed = false": of two concurrent closes exactly one wins
        e.Property(x => x.Closed).IsConcurrencyToken();
        e.HasIndex(x => x.CaseId);
    }
}
