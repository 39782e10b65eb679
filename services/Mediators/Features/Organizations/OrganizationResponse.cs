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

/// <summary>An organisation; the webhook secret is never returned.</summary>
public sealed record OrganizationResponse(
    Guid Id, string Name, OrganizationKind Kind, string RegionCode, IReadOnlyList<string> ServesRegionCodes, string? WebhookUrl)
{
    public static OrganizationResponse From(Organization o) =>
        new(o.Id, o.Name, o.Kind, o.RegionCode, o.ServesRegionCodes, o.WebhookUrl);
}
