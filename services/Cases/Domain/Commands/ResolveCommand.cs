using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>调解成功: the agreement, written or oral (an oral agreement's content goes in the summary).</summary>
public sealed record ResolveCommand(AgreementType? AgreementType, string? AgreementSummary, decimal? AmountAgreed,
    DateTimeOffset? PerformanceDueAt, bool? EscalationPrevented, DateTimeOffset? OccurredAt);
