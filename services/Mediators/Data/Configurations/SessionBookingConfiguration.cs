using MediationPlatform.Mediators.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class SessionBookingConfiguration : IEntityTypeConfiguration<SessionBooking>
{
    public void Configure(EntityTypeBuilder<SessionBooking> e)
    {
        // + the generated column "during" and the exclusion constraint session_bookings_no_overlap (hand-written in the migration)
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.SessionId);
        e.HasOne<Session>().WithMany(s => s.Bookings).HasForeignKey(x => x.SessionId);
    }
}
