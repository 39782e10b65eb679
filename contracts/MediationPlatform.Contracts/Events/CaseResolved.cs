namespace MediationPlatform.Contracts.Events;

/// <summary>A dispute was resolved: an agreement was reached (调解成功). Counted in the CST year of OccurredAt.</summary>
public sealed record CaseResolved(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    AgreementType AgreementType,
    decimal? AmountAgreed,
    bool EscalationPrevented,
    DateTimeOffset JudicialConfirmationDueAt) : ICaseEvent;
