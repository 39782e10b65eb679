namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>The SSRF guard refused a webhook target: it resolves only to addresses an agency system may not have.</summary>
public sealed class WebhookTargetForbiddenException(string host)
    : Exception($"Webhook host '{host}' resolves only to loopback, private or link-local addresses.");
