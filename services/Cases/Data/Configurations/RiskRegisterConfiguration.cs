using MediationPlatform.Cases.Features.RiskRegisters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class RiskRegisterConfiguration : IEntityTypeConfiguration<RiskRegister>
{
    public void Configure(EntityTypeBuilder<RiskRegister> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.RegionCode).HasMaxLength(40);
        e.Property(x => x.TownCode).HasMaxLength(40);
        e.Property(x => x.DistrictCode).HasMaxLength(40);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.RegionCode, x.Year });
        e.HasIndex(x => new { x.TownCode, x.Year });
        e.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.RegisterId);
        e.Ignore(x => x.Place);
    }
}
