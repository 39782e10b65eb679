using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>A note on the case (备注).</summary>
public sealed record NoteCommand([property: MaxLength(4000)] string? Text, DateTimeOffset? OccurredAt);
