using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Organizations;

/// <summary>Absent fields stay; `webhook` replaces the webhook, `removeWebhook: true` removes it.</summary>
public sealed record UpdateOrganizationRequest(
    [property: MaxLength(200)] string? Name, [property: MaxLength(1000), EachMaxLength(40)] List<string>? ServesRegionCodes, WebhookRequest? Webhook,
    bool? RemoveWebhook);
