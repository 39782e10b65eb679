namespace MediationPlatform.Messaging;

/// <summary>
/// One event waiting to be published (or, where the service keeps its event log, already published).
/// Written in the same transaction as the state change that caused it. <see cref="Id"/> becomes the MassTransit MessageId.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>Grows with every row; the order of the event log and the replay cursor.</summary>
    public long Sequence { get; set; }

    /// <summary>Short type name from <see cref="MediationPlatform.Contracts.Events.EventCatalog"/>.</summary>
    public string MessageType { get; set; } = "";

    public string Payload { get; set; } = "";

    /// <summary>The case (or other aggregate) the event is about, for replay and diagnostics.</summary>
    public Guid? AggregateId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// The W3C trace context of the request or message that wrote the row: the dispatcher publishes under it, so the
    /// trace goes on from the request through the outbox and RabbitMQ to every consumer (ADR 0016).
    /// </summary>
    public string? TraceParent { get; set; }
}
