using MediationPlatform.Gateway.Data;

namespace MediationPlatform.Gateway.Identity;

public sealed record ClientResponse(
    string ClientId, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> RegionCodes, Guid? OrganizationId, bool Disabled)
{
    public static ClientResponse From(ServiceClient c) => new(c.ClientId, c.DisplayName, c.Roles, c.RegionCodes, c.OrganizationId, c.Disabled);
}
