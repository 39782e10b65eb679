using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Gateway.Identity;

public sealed record CreateClientRequest(
    [property: MaxLength(100)] string? ClientId, [property: MaxLength(256)] string? ClientSecret,
    [property: MaxLength(100)] string? DisplayName, [property: MaxLength(20), EachMaxLength(40)] List<string>? Roles,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes, Guid? OrganizationId);
