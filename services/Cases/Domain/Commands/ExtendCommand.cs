using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 延期: days added to the running period, and why. <c>partiesConsent</c>: both parties agreed — required for a court's
/// 委派调解 (特邀调解规定 Art. 27: longer than 30 days only with both parties' consent), recorded on the timeline.
/// </summary>
public sealed record ExtendCommand(int? Days, string? Reason, DateTimeOffset? OccurredAt, bool? PartiesConsent = null);
