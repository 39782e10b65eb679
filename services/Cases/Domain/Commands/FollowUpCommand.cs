using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 回访: whether the agreement was performed and the parties are satisfied; <see cref="PerformedObligations"/> names the
/// agreement's terms (indexes into its <c>obligations</c>) this visit found performed.
/// </summary>
[RequestExample("""
    {"performed":true,"satisfied":true,"note":"已履行","performedObligations":[0,1]}
    """)]
public sealed record FollowUpCommand(bool? Performed, bool? Satisfied, [property: MaxLength(2000)] string? Note, DateTimeOffset? OccurredAt,
    [property: MaxLength(ResolveCommand.MaxObligations), EachRange(0, ResolveCommand.MaxObligations - 1)] IReadOnlyList<int>? PerformedObligations = null);
