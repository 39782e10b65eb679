using System.Security.Claims;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
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

    /// <summary>Whether the caller's region claims cover a place (<see cref="RegionPath"/>'s rule). Admins cover everything.</summary>
    public bool Covers(RegionPath place) => IsAdmin || place.IsWithinAny(RegionCodes);

    public bool Covers(IRegionPlaced place) => Covers(RegionPath.Of(place));

    /// <summary>The rows of a query at places the caller covers (all of them for admins), as SQL.</summary>
    public IQueryable<T> InRegions<T>(IQueryable<T> query) where T : IRegionPlaced =>
        IsAdmin ? query : query.WithinAny(RegionCodes);
}
