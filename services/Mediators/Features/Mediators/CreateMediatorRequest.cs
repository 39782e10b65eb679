using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Mediators;

[RequestExample("""
    {"name":"新村调解员","phone":"13900000099","kind":"village","organizationId":"01a2499a-e921-7e2c-aa21-3f5785913817",
    "regionCodes":["muer-v19"],"specialties":["neighbourhood"],"maxActiveCases":10}
    """)]
public sealed record CreateMediatorRequest(
    [property: MaxLength(100)] string? Name, [property: MaxLength(40)] string? Phone, MediatorKind? Kind, Guid? OrganizationId,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes, [property: MaxLength(20)] List<DisputeCategory>? Specialties,
    [property: Range(1, 1000)] int? MaxActiveCases);
