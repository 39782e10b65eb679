using MediationPlatform.Mediators.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Error).HasMaxLength(500);
        e.HasIndex(x => x.DeliveryId);
    }
}
