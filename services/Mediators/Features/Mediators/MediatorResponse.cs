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

public sealed record MediatorResponse(
    Guid Id, string Name, string Phone, MediatorKind Kind, Guid OrganizationId, IReadOnlyList<string> RegionCodes,
    IReadOnlyList<DisputeCategory> Specialties, int MaxActiveCases, bool Active, int ActiveCases, DateTimeOffset? LastAssignedAt)
{
    public static MediatorResponse From(Mediator m) => new(m.Id, m.Name, m.Phone, m.Kind, m.OrganizationId, m.RegionCodes,
        m.Specialties, m.MaxActiveCases, m.Active, m.ActiveCases, m.LastAssignedAt);
}
