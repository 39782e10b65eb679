using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>A note on the case (备注).</summary>
public sealed record NoteCommand(string? Text, DateTimeOffset? OccurredAt);
