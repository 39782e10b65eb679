using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.Mediators.Features;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MediationPlatform.Mediators.Features.Organizations;

/// <summary>Absent fields stay; `webhook` replaces the webhook, `removeWebhook: true` removes it.</summary>
public sealed record UpdateOrganizationRequest(
    [property: MaxLength(200)] string? Name, [property: MaxLength(1000), EachMaxLength(40)] List<string>? ServesRegionCodes, WebhookRequest? Webhook,
    bool? RemoveWebhook);
