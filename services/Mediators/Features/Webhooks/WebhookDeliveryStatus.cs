namespace MediationPlatform.Mediators.Features.Webhooks;

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }
