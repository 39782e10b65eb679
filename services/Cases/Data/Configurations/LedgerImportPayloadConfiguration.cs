using MediationPlatform.Cases.Features.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class LedgerImportPayloadConfiguration : IEntityTypeConfiguration<LedgerImportPayload>
{
    public void Configure(EntityTypeBuilder<LedgerImportPayload> e)
    {
        e.ToTable("ledger_import_payloads");
        e.HasKey(x => x.ImportId);
        e.HasOne<LedgerImport>().WithOne().HasForeignKey<LedgerImportPayload>(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
