using MediationPlatform.Cases.Features.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class LedgerImportConfiguration : IEntityTypeConfiguration<LedgerImport>
{
    public void Configure(EntityTypeBuilder<LedgerImport> e)
    {
        e.ToTable("ledger_imports");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.RegionCode).HasMaxLength(40);
        e.Property(x => x.TownCode).HasMaxLength(40);
        e.Property(x => x.DistrictCode).HasMaxLength(40);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.Status).HasMaxLength(10);
        e.Property(x => x.PossibleDuplicates).HasColumnType("jsonb");
        e.Property(x => x.Failure).HasMaxLength(2000);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasIndex(x => x.CreatedAt).HasFilter("status = 'running'"); // the worker's queue
    }
}
