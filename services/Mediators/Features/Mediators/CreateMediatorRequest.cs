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
    string? Name, string? Phone, MediatorKind? Kind, Guid? OrganizationId, List<string>? RegionCodes,
    List<DisputeCategory>? Specialties, int? MaxActiveCases);
