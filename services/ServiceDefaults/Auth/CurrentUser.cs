using System.Security.Claims;
using MediationPlatform.Contracts;
using Microsoft.AspNetCore.Http;

namespace MediationPlatform.ServiceDefaults.Auth;

/// <summary>The caller as the access token describes them.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Id => Principal.FindFirstValue(ClaimNames.Subject) ?? "anonymous";
    public string Name => Principal.FindFirstValue(ClaimNames.Name) ?? Id;
    public IReadOnlyList<string> Roles => Principal.FindAll(ClaimNames.Role).Select(c => c.Value).ToList();
    public IReadOnlyList<string> RegionCodes => Principal.FindAll(ClaimNames.Region).Select(c => c.Value).ToList();
    public Guid? MediatorId => Guid.TryParse(Principal.FindFirstValue(ClaimNames.MediatorId), out var g) ? g : null;
    public Guid? OrganizationId => Guid.TryParse(Principal.FindFirstValue(ClaimNames.OrganizationId), out var g) ? g : null;

    public bool IsIn(string role) => Principal.HasClaim(ClaimNames.Role, role);
    public bool IsAdmin => IsIn(Contracts.Roles.Admin);

    /// <summary>
    /// True when one of the caller's region claims covers a place: the place itself, its town or its district
    /// (a town code covers its villages). Admins cover everything.
    /// </summary>
    public bool Covers(string? regionCode, string? townCode, string? districtCode)
    {
        if (IsAdmin) return true;
        var mine = RegionCodes;
        return (regionCode is not null && mine.Contains(regionCode))
            || (townCode is not null && mine.Contains(townCode))
            || (districtCode is not null && mine.Contains(districtCode));
    }
}
