using MediationPlatform.Contracts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace MediationPlatform.Gateway.Identity;

public sealed record ClientResponse(
    string ClientId, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> RegionCodes, Guid? OrganizationId, bool Disabled)
{
    public static ClientResponse From(ServiceClient c) => new(c.ClientId, c.DisplayName, c.Roles, c.RegionCodes, c.OrganizationId, c.Disabled);
}
