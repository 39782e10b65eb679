using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>调解不成: why, and the route the parties were told of (人民调解法 Art. 26).</summary>
public sealed record FailCommand([property: MaxLength(2000)] string? Reason, AdvisedRoute? AdvisedRoute, DateTimeOffset? OccurredAt);
