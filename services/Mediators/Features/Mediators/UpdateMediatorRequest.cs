using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Mediators;

public sealed record UpdateMediatorRequest(
    [property: MaxLength(100)] string? Name, [property: MaxLength(40)] string? Phone, [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes,
    [property: MaxLength(20)] List<DisputeCategory>? Specialties, [property: Range(1, 1000)] int? MaxActiveCases, bool? Active);
