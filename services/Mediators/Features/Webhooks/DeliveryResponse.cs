using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Webhooks;

public sealed record DeliveryResponse(
    Guid Id, Guid OrganizationId, Guid? ReferralId, Guid? CaseId, string EventType, WebhookDeliveryStatus Status, int AttemptCount,
    DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<AttemptResponse> Attempts);
