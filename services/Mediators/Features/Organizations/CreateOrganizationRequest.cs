using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Organizations;

[RequestExample("""
    {"name":"新村调委会","kind":"mediation_committee","regionCode":"muer-v19","servesRegionCodes":["muer-v19"]}
    """)]
public sealed record CreateOrganizationRequest(
    [property: MaxLength(200)] string? Name, OrganizationKind? Kind, [property: MaxLength(40)] string? RegionCode,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? ServesRegionCodes, WebhookRequest? Webhook);
