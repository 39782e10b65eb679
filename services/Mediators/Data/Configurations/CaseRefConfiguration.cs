using MediationPlatform.Mediators.Features.Assignments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class CaseRefConfiguration : IEntityTypeConfiguration<CaseRef>
{
    public void Configure(EntityTypeBuilder<CaseRef> e)
    {
        e.ToTable("cases");
        e.HasKey(x => x.CaseId);
        // concurrent (re)assignments or closings of one case conflict on xmin and are retried
        e.Property(x => x.RowVersion).IsRowVersion();
        e.Ignore(x => x.Place);
        // the capacity queue reads the waiting disputes oldest first
        e.HasIndex(x => x.ReceivedAt).HasFilter("awaiting_since IS NOT NULL AND assigned_mediator_id IS NULL AND NOT closed").HasDatabaseName("ix_cases_awaiting");
    }
}
