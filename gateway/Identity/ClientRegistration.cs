using MediationPlatform.Gateway.Data;
using OpenIddict.Abstractions;

namespace MediationPlatform.Gateway.Identity;

public static class ClientRegistration
{
    public static async Task CreateAsync(
        GatewayDbContext db, IOpenIddictApplicationManager applications, string clientId, string secret, string displayName,
        IEnumerable<string> roles, IEnumerable<string> regions, Guid? organizationId, DateTimeOffset now, CancellationToken ct)
    {
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = OpenIddictConstants.ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions =
            {
                OpenIddictConstants.Permissions.Endpoints.Token,
                OpenIddictConstants.Permissions.GrantTypes.ClientCredentials,
            },
        }, ct);
        db.ServiceClients.Add(new ServiceClient
        {
            ClientId = clientId,
            DisplayName = displayName,
            Roles = roles.Distinct().ToList(),
            RegionCodes = regions.Distinct().ToList(),
            OrganizationId = organizationId,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }
}
