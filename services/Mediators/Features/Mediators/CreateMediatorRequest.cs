using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Mediators;

public sealed record CreateMediatorRequest(
    [property: MaxLength(100)] string? Name, [property: MaxLength(40)] string? Phone, MediatorKind? Kind, Guid? OrganizationId,
    [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes, [property: MaxLength(20)] List<DisputeCategory>? Specialties,
    [property: Range(1, 1000)] int? MaxActiveCases);
