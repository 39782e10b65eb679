using MediationPlatform.Gateway.Data;

namespace MediationPlatform.Gateway.Identity;

public sealed record UserResponse(
    Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> RegionCodes,
    Guid? OrganizationId, Guid? MediatorId, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt)
{
    public static UserResponse From(User u) =>
        new(u.Id, u.UserName, u.DisplayName, u.Roles, u.RegionCodes, u.OrganizationId, u.MediatorId, u.Disabled,
            u.LockedUntil > DateTimeOffset.UtcNow ? u.LockedUntil : null, u.CreatedAt);
}
