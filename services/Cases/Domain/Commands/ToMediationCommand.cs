namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 访调: a claim petition moved to people's mediation. <c>partiesConsent</c> must be true (both parties agreed to mediate),
/// <c>reason</c> says why the matter suits mediation.
/// </summary>
public sealed record ToMediationCommand(string? Reason, bool? PartiesConsent, DateTimeOffset? OccurredAt);
