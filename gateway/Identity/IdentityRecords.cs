using System.ComponentModel.DataAnnotations;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Kernel;

namespace MediationPlatform.Gateway.Identity;

public sealed record ClientResponse(
    string ClientId, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> RegionCodes, Guid? OrganizationId, bool Disabled)
{
    public static ClientResponse From(ServiceClient c) => new(c.ClientId, c.DisplayName, c.Roles, c.RegionCodes, c.OrganizationId, c.Disabled);
}

public sealed record CreateClientRequest(
    [property: MaxLength(100)] string? ClientId, [property: MaxLength(256)] string? ClientSecret,
    [property: MaxLength(100)] string? DisplayName, [property: MaxLength(20), EachMaxLength(40)] List<string>? Roles,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes, Guid? OrganizationId);

/// <summary><c>PATCH /api/clients/{clientId}</c>: disable (or enable) a system client, or give it a new secret.</summary>
public sealed record UpdateClientRequest(bool? Disabled, [property: MaxLength(256)] string? ClientSecret);

public sealed record UpdateUserRequest(
    [property: MaxLength(100)] string? DisplayName, [property: MaxLength(20), EachMaxLength(40)] List<string>? Roles,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes, bool? Disabled, [property: MaxLength(128)] string? Password,
    Guid? OrganizationId, Guid? MediatorId);

public sealed record UserResponse(
    Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> RegionCodes,
    Guid? OrganizationId, Guid? MediatorId, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt)
{
    /// <summary>The user as of <paramref name="now"/>: a lockout that has run out is no longer shown.</summary>
    public static UserResponse From(User u, DateTimeOffset now) =>
        new(u.Id, u.UserName, u.DisplayName, u.Roles, u.RegionCodes, u.OrganizationId, u.MediatorId, u.Disabled,
            u.LockedUntil > now ? u.LockedUntil : null, u.CreatedAt);
}
