using MediationPlatform.Cases.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Cases.Data.Configurations;

public sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> e)
    {
        // parties are added through the case's collection: a client-set key means "new"
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Address).HasMaxLength(500);
        e.HasIndex(x => x.IdNumberHash);
        e.HasIndex(x => x.PhoneHash); // repeat matters: name + phone when there is no ID number
    }
}
