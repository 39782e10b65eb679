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

public sealed record CompleteRequest(ReferralOutcome? Outcome, [property: MaxLength(4000)] string? Summary, DateTimeOffset? OccurredAt);
