using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 回访: whether the agreement was performed and the parties are satisfied; <see cref="PerformedObligations"/> names the
/// agreement's terms (indexes into its <c>obligations</c>) this visit found performed.
/// </summary>
public sealed record FollowUpCommand(bool? Performed, bool? Satisfied, string? Note, DateTimeOffset? OccurredAt,
    IReadOnlyList<int>? PerformedObligations = null);
