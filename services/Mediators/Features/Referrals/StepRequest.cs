namespace MediationPlatform.Mediators.Features.Referrals;

public sealed record StepRequest(DateTimeOffset? OccurredAt);
