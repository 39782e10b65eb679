using MediationPlatform.Mediators.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> e)
    {
        e.HasIndex(x => x.CaseId);
        e.Property(x => x.Location).HasMaxLength(200);
        e.Property(x => x.Summary).HasMaxLength(4000);
        e.Property(x => x.CancelReason).HasMaxLength(500);
        e.Ignore(x => x.Status);
        e.Property(x => x.RowVersion).IsRowVersion();
        e.Ignore(x => x.Place);
    }
}
