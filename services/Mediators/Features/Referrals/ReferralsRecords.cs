using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Mediators.Features.Referrals;

public sealed record CompleteRequest(ReferralOutcome? Outcome, [property: MaxLength(4000)] string? Summary, DateTimeOffset? OccurredAt);

public sealed record DeclineRequest([property: MaxLength(2000)] string? Reason, DateTimeOffset? OccurredAt);

public sealed record StepRequest(DateTimeOffset? OccurredAt);
