using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>An action that needs a reason: withdraw (撤回), not-accept (不予受理).</summary>
public sealed record ReasonCommand([property: MaxLength(2000)] string? Reason, DateTimeOffset? OccurredAt);
