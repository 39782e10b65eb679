namespace MediationPlatform.Mediators.Features.Webhooks;

public sealed record AttemptResponse(int Number, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

public sealed record DeliveryResponse(
    Guid Id, Guid OrganizationId, Guid? ReferralId, Guid? CaseId, string EventType, WebhookDeliveryStatus Status, int AttemptCount,
    DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<AttemptResponse> Attempts);

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }
