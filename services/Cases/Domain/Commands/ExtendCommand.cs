using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 延期: days added to the running period, and why. <c>partiesConsent</c>: both parties agreed — required for a court's
/// 委派调解 (特邀调解规定 Art. 27: longer than 30 days only with both parties' consent), recorded on the timeline.
/// </summary>
public sealed record ExtendCommand(
    // the outer bound: 90 days for a dispute, 30 for a petition (Case.Extend)
    [property: Range(1, LegalClock.DisputeMaxExtensionDays)] int? Days, [property: MaxLength(2000)] string? Reason,
    DateTimeOffset? OccurredAt, bool? PartiesConsent = null);
