using MediationPlatform.Mediators.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediationPlatform.Mediators.Data.Configurations;

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.EventType).HasMaxLength(40);
        // Payload: text, not jsonb — the exact bytes that are signed and sent (jsonb would reorder keys)
        e.Property(x => x.LastError).HasMaxLength(500);
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasIndex(x => new { x.OrganizationId, x.CreatedAt });
    }
}
