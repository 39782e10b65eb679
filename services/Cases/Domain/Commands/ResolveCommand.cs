using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 调解成功: the agreement, written or oral (an oral agreement's content goes in the summary), and optionally its terms as
/// <see cref="Obligations"/> (who does what, amount, by when — 人民调解法 Art. 29), which the agreement document prints
/// and a follow-up can find performed one by one. <see cref="Prevented"/>: what the mediation prevented, by kind and
/// persons (the statistics' prevention columns); the older <c>escalationPrevented: true</c> alone means a criminal case
/// prevented with the parties as persons.
/// </summary>
public sealed record ResolveCommand(AgreementType? AgreementType, string? AgreementSummary, decimal? AmountAgreed,
    DateTimeOffset? PerformanceDueAt, bool? EscalationPrevented, DateTimeOffset? OccurredAt,
    IReadOnlyList<ObligationInput>? Obligations = null, IReadOnlyList<PreventionInput>? Prevented = null)
{
    public const int MaxObligations = 50;
}
