using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Mediators.Features.Referrals;

public sealed record CompleteRequest(ReferralOutcome? Outcome, [property: MaxLength(4000)] string? Summary, DateTimeOffset? OccurredAt);
