using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.Organizations;
using MediationPlatform.Mediators.Features.Referrals;

namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>
/// Writes webhook deliveries next to the change they report (same SaveChanges: an outbox of its own): a referral's
/// steps to the receiving agency, and an overdue case or referral (督办) to the supervising organisation.
/// </summary>
public static class WebhookOutbox
{
    public const string Created = "referral.created";
    public const string Accepted = "referral.accepted";
    public const string Declined = "referral.declined";
    public const string Completed = "referral.completed";
    public const string CaseOverdue = "case.overdue";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static void Enqueue(MediatorsDbContext db, Organization org, string eventType, Referral referral, DateTimeOffset occurredAt) =>
        Enqueue(db, org, eventType, referral.Id, referral.CaseId, id => new
        {
            @event = eventType, deliveryId = id, organizationId = org.Id, occurredAt, referral = ReferralResponse.From(referral),
        });

    /// <summary>A missed deadline for the supervising organisation: case number, place, which deadline, when — no personal data.</summary>
    public static void EnqueueOverdue(MediatorsDbContext db, Organization org, CaseOverdue m) =>
        Enqueue(db, org, CaseOverdue, m.ReferralId, m.CaseId, id => new
        {
            @event = CaseOverdue, deliveryId = id, organizationId = org.Id, occurredAt = m.OccurredAt,
            overdue = new { caseId = m.CaseId, number = m.Number, kind = m.Kind, regionCode = m.RegionCode, deadline = m.Deadline, dueAt = m.DueAt, referralId = m.ReferralId },
        });

    /// <summary>A handed-in dispute moved on (intake.assigned, intake.completed, intake.performed): <c>{ event, deliveryId, occurredAt, intake }</c>.</summary>
    public static void EnqueueIntake(MediatorsDbContext db, Organization org, IntakeChanged m, Contracts.IntakeRecord record) =>
        Enqueue(db, org, m.Event, null, m.CaseId, id => new { @event = m.Event, deliveryId = id, occurredAt = m.OccurredAt, intake = record });

    private static void Enqueue(MediatorsDbContext db, Organization org, string eventType, Guid? referralId, Guid? caseId, Func<Guid, object> payload)
    {
        if (string.IsNullOrEmpty(org.WebhookUrl)) return;
        var id = Guid.CreateVersion7();
        var now = TimeProvider.System.GetUtcNow(); // delivery bookkeeping: the real clock on purpose (ADR 0013)
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            Id = id,
            OrganizationId = org.Id,
            ReferralId = referralId,
            CaseId = caseId,
            EventType = eventType,
            Payload = JsonSerializer.Serialize(payload(id), Json),
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
    }

    /// <summary><c>sha256=</c> + lowercase hex HMAC-SHA256 over <c>"{timestamp}.{body}"</c> (UTF-8) keyed with the secret.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
