namespace MediationPlatform.Messaging;

/// <summary>A message a consumer has applied: (message id, consumer). Written in the consumer's own transaction.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}
