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

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed record AssignmentResponse(
    Guid Id, Guid CaseId, Guid MediatorId, Guid? PreviousMediatorId, bool Automatic, string? Reason, DateTimeOffset AssignedAt)
{
    public static AssignmentResponse From(Assignment a) =>
        new(a.Id, a.CaseId, a.MediatorId, a.PreviousMediatorId, a.Automatic, a.Reason, a.AssignedAt);
}
