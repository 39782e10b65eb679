using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Gateway.Identity;

[RequestExample("""
    {"userName":"xincun","password":"Xincun-pass-1","displayName":"新村调解员","roles":["mediator"],
    "regionCodes":["muer-v19"],"mediatorId":"01a2499a-ed85-7622-a85a-fbbc899106ad"}
    """)]
public sealed record CreateUserRequest(
    [property: MaxLength(100)] string? UserName, [property: MaxLength(128)] string? Password,
    [property: MaxLength(100)] string? DisplayName, [property: MaxLength(20), EachMaxLength(40)] List<string>? Roles,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes, Guid? OrganizationId, Guid? MediatorId);
