using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 不予受理: a reason, or <c>repeatOf</c> — the petition repeats a matter whose second review (复核) is concluded, which is
/// not accepted again (信访工作条例 Art. 36); the reason then defaults to saying so, and the case is linked
/// <c>repeat_of</c> that matter in the same step.
/// </summary>
public sealed record NotAcceptCommand([property: MaxLength(2000)] string? Reason, Guid? RepeatOf, DateTimeOffset? OccurredAt);
