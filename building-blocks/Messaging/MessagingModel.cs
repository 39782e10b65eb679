using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Messaging;

public static class MessagingModel
{
    /// <summary>Maps the outbox and inbox tables; call from every service's <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            e.HasIndex(x => x.Sequence, "ux_outbox_sequence").IsUnique(); // the event log's order and replay cursor
            e.Property(x => x.MessageType).HasColumnName("message_type").HasMaxLength(200);
            e.Property(x => x.Payload).HasColumnName("payload").HasColumnType("jsonb");
            e.Property(x => x.AggregateId).HasColumnName("aggregate_id");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.SentAt).HasColumnName("sent_at");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
            e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(2000);
            e.Property(x => x.TraceParent).HasColumnName("trace_parent").HasMaxLength(60);
            // The dispatcher only ever looks at unsent rows: keep that index small.
            e.HasIndex(x => x.Sequence, "ix_outbox_unsent").HasFilter("sent_at IS NULL");
        });
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(x => new { x.MessageId, x.Consumer });
            e.Property(x => x.MessageId).HasColumnName("message_id");
            e.Property(x => x.Consumer).HasColumnName("consumer").HasMaxLength(200);
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
        });
        return model;
    }

    /// <summary>Maps <see cref="IdempotencyRecord"/> (Idempotency-Key answers); call where the service takes such keys.</summary>
    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder model)
    {
        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasKey(x => new { x.UserId, x.Key });
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.UserId).HasMaxLength(100);
            // text, not jsonb: a replay answers the very bytes of the first answer (jsonb would reorder keys)
            e.HasIndex(x => x.CreatedAt);
        });
        return model;
    }
}
