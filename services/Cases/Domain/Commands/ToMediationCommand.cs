using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 访调: a claim petition moved to people's mediation. <c>partiesConsent</c> must be true (both parties agreed to mediate),
/// <c>reason</c> says why the matter suits mediation.
/// </summary>
public sealed record ToMediationCommand([property: MaxLength(2000)] string? Reason, bool? PartiesConsent, DateTimeOffset? OccurredAt);
