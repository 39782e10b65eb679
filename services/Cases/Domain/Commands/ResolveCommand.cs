using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 调解成功: the agreement, written or oral (an oral agreement's content goes in the summary), and optionally its terms as
/// <see cref="Obligations"/> (who does what, amount, by when — 人民调解法 Art. 29), which the agreement document prints
/// and a follow-up can find performed one by one.
/// </summary>
public sealed record ResolveCommand(AgreementType? AgreementType, string? AgreementSummary, decimal? AmountAgreed,
    DateTimeOffset? PerformanceDueAt, bool? EscalationPrevented, DateTimeOffset? OccurredAt,
    IReadOnlyList<ObligationInput>? Obligations = null)
{
    public const int MaxObligations = 50;
}
