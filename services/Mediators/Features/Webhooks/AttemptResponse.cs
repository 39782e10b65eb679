namespace MediationPlatform.Mediators.Features.Webhooks;

public sealed record AttemptResponse(int Number, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);
