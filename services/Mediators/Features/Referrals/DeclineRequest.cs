using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Mediators.Features.Referrals;

public sealed record DeclineRequest([property: MaxLength(2000)] string? Reason, DateTimeOffset? OccurredAt);
