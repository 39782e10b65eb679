using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Sessions;

public sealed record ScheduleSessionRequest(
    Guid? CaseId, [property: MaxLength(10)] List<Guid>? MediatorIds, Guid? RoomId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    [property: MaxLength(200)] string? Location, DateTimeOffset? OccurredAt);
