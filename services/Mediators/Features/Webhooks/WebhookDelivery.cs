namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>
/// One JSON document to POST to an organisation's webhook: written in the same transaction as the referral change it
/// reports (an outbox of its own), sent by the webhook worker.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    /// <summary>The referral it reports (referral.* events), or the overdue referral (case.overdue).</summary>
    public Guid? ReferralId { get; set; }

    /// <summary>The case it concerns.</summary>
    public Guid? CaseId { get; set; }
    public string EventType { get; set; } = "";
    public string Payload { get; set; } = "";
    public WebhookDeliveryStatus Status { get; set; }
    public int Rounds { get; set; }
    public int AttemptCount { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
