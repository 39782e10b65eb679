using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Auth;

namespace MediationPlatform.Mediators.Features.Organizations;

/// <summary>An organisation; the webhook secret is never returned, the URL only to those who run the webhook.</summary>
public sealed record OrganizationResponse(
    Guid Id, string Name, OrganizationKind Kind, string RegionCode, IReadOnlyList<string> ServesRegionCodes, string? WebhookUrl)
{
    /// <summary>The webhook URL (where an agency's system listens) only for admins and the organisation's own liaisons.</summary>
    public static OrganizationResponse From(Organization o, CurrentUser reader) =>
        new(o.Id, o.Name, o.Kind, o.RegionCode, o.ServesRegionCodes, reader.IsAdmin || reader.OrganizationId == o.Id ? o.WebhookUrl : null);
}
