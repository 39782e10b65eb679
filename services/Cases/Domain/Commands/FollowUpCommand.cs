using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>回访: whether the agreement was performed and the parties are satisfied.</summary>
public sealed record FollowUpCommand(bool? Performed, bool? Satisfied, string? Note, DateTimeOffset? OccurredAt);
