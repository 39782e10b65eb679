namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A dispute was resolved: an agreement was reached (调解成功). Counted in the CST year (and month) of OccurredAt.
/// <c>Prevented</c>: what it prevented, by kind and persons (null in events recorded before it existed: then
/// <c>EscalationPrevented</c> means a criminal case prevented, its parties as persons).
/// </summary>
public sealed record CaseResolved(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    AgreementType AgreementType,
    decimal? AmountAgreed,
    bool EscalationPrevented,
    DateTimeOffset JudicialConfirmationDueAt,
    IReadOnlyList<Prevention>? Prevented = null) : ICaseEvent;
