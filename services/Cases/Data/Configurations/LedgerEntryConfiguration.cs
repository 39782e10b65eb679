using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> e)
    {
        e.ToTable("ledger_entries");
        // the import's idempotency: one case per (town, year of 登记日期, 序号); a concurrent second import of a row loses here
        e.HasKey(x => new { x.TownCode, x.Year, x.Sequence });
        e.Property(x => x.TownCode).HasMaxLength(40);
        e.Property(x => x.Sequence).HasMaxLength(40);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        e.HasIndex(x => x.CaseId);
    }
}
