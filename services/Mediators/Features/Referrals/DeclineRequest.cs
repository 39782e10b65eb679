using System.ComponentModel.DataAnnotations;
using MassTransit;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Referrals;

public sealed record DeclineRequest([property: MaxLength(2000)] string? Reason, DateTimeOffset? OccurredAt);
