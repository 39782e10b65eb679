using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 调解成功: the agreement, written or oral (an oral agreement's content goes in the summary), and optionally its terms as
/// <see cref="Obligations"/> (who does what, amount, by when — 人民调解法 Art. 29), which the agreement document prints
/// and a follow-up can find performed one by one. <see cref="Prevented"/>: what the mediation prevented, by kind and
/// persons (the statistics' prevention columns); the older <c>escalationPrevented: true</c> alone means a criminal case
/// prevented with the parties as persons.
/// </summary>
[RequestExample("""
    {"agreementType":"written","agreementSummary":"李某于12月10日前疏通排水沟并赔偿500元",
    "amountAgreed":500,"performanceDueAt":"2026-12-10T18:00:00+08:00",
    "obligations":[{"party":1,"what":"疏通排水沟","dueAt":"2026-12-10T18:00:00+08:00"},{"party":1,"what":"赔偿损失","amount":500,"dueAt":"2026-12-10T18:00:00+08:00"}],
    "prevented":[{"kind":"criminal_case","persons":2}]}
    """)]
public sealed record ResolveCommand(AgreementType? AgreementType, [property: MaxLength(4000)] string? AgreementSummary,
    // the column is numeric(14,2): 999,999,999,999.99 at most
    [property: Range(0, 999_999_999_999.99)] decimal? AmountAgreed,
    DateTimeOffset? PerformanceDueAt, bool? EscalationPrevented, DateTimeOffset? OccurredAt,
    [property: MaxLength(ResolveCommand.MaxObligations)] IReadOnlyList<ObligationInput>? Obligations = null,
    // each of the four kinds at most once
    [property: MaxLength(4)] IReadOnlyList<PreventionInput>? Prevented = null)
{
    public const int MaxObligations = 50;
}
