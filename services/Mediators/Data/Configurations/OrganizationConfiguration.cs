using MediationPlatform.Mediators.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.WebhookUrl).HasMaxLength(500);
        e.Property(x => x.WebhookSecret).HasMaxLength(400);
        e.Property(x => x.PreviousWebhookSecret).HasMaxLength(400);
        e.Property(x => x.Revision).IsConcurrencyToken(); // two PATCHes at once: the second to save sees the first (ADR 0029)
    }
}
