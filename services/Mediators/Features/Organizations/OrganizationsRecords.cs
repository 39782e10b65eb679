using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;

namespace MediationPlatform.Mediators.Features.Organizations;

[RequestExample("""
    {"name":"新村调委会","kind":"mediation_committee","regionCode":"muer-v19","servesRegionCodes":["muer-v19"]}
    """)]
public sealed record CreateOrganizationRequest(
    [property: MaxLength(200)] string? Name, OrganizationKind? Kind, [property: MaxLength(40)] string? RegionCode,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? ServesRegionCodes, WebhookRequest? Webhook);

/// <summary>
/// An organisation; the webhook secret is never returned, the URL only to those who run the webhook. After a change of
/// the secret, <c>previousWebhookSecretSignsUntil</c> says until when deliveries also carry <c>X-Signature-Previous</c> by
/// the replaced secret (null when none or once that time has passed); shown, like the URL, only to admins and the
/// organisation's own liaisons.
/// </summary>
public sealed record OrganizationResponse(
    Guid Id, string Name, OrganizationKind Kind, string RegionCode, IReadOnlyList<string> ServesRegionCodes, bool Active, string? WebhookUrl,
    DateTimeOffset? PreviousWebhookSecretSignsUntil, int Revision)
{
    /// <summary>The webhook URL (where an agency's system listens) only for admins and the organisation's own liaisons.</summary>
    public static OrganizationResponse From(Organization o, CurrentUser reader, DateTimeOffset now)
    {
        var runsIt = reader.IsAdmin || reader.OrganizationId == o.Id;
        var previousSigns = o.PreviousWebhookSecretAt(now) is not null ? o.PreviousWebhookSecretUntil : null;
        return new(o.Id, o.Name, o.Kind, o.RegionCode, o.ServesRegionCodes, o.Active, runsIt ? o.WebhookUrl : null,
            runsIt ? previousSigns : null, o.Revision);
    }
}

/// <summary>Absent fields stay; `webhook` replaces the webhook, `removeWebhook: true` removes it, `active` winds it up or restores it.</summary>
public sealed record UpdateOrganizationRequest(
    [property: MaxLength(200)] string? Name, [property: MaxLength(1000), EachMaxLength(40)] List<string>? ServesRegionCodes, WebhookRequest? Webhook,
    bool? RemoveWebhook, bool? Active = null);

/// <summary>
/// Where and with which secret an agency's system receives its webhooks. On PATCH, <c>revokePrevious: true</c> stops the
/// replaced secret signing at once (it leaked) instead of after the rotation window.
/// </summary>
public sealed record WebhookRequest([property: MaxLength(500)] string? Url, [property: MaxLength(200)] string? Secret, bool? RevokePrevious = null);
