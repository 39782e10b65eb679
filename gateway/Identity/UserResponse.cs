using MediationPlatform.Gateway.Data;

namespace MediationPlatform.Gateway.Identity;

public sealed record UserResponse(
    Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> RegionCodes,
    Guid? OrganizationId, Guid? MediatorId, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt)
{
    /// <summary>The user as of <paramref name="now"/>: a lockout that has run out is no longer shown.</summary>
    public static UserResponse From(User u, DateTimeOffset now) =>
        new(u.Id, u.UserName, u.DisplayName, u.Roles, u.RegionCodes, u.OrganizationId, u.MediatorId, u.Disabled,
            u.LockedUntil > now ? u.LockedUntil : null, u.CreatedAt);
}
