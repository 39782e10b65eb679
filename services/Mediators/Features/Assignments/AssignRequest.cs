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

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>`allowOverCapacity`: a supervisor's deliberate choice of a mediator already at `maxActiveCases`.</summary>
public sealed record AssignRequest(
    Guid? CaseId, Guid? MediatorId, [property: MaxLength(500)] string? Reason, DateTimeOffset? OccurredAt, bool? AllowOverCapacity);
