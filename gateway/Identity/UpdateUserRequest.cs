using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Gateway.Identity;

public sealed record UpdateUserRequest(
    [property: MaxLength(100)] string? DisplayName, [property: MaxLength(20), EachMaxLength(40)] List<string>? Roles,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes, bool? Disabled, [property: MaxLength(128)] string? Password,
    Guid? OrganizationId, Guid? MediatorId);
