using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>延期: days added to the running period, and why.</summary>
public sealed record ExtendCommand(int? Days, string? Reason, DateTimeOffset? OccurredAt);
