namespace MediationPlatform.Reporting.Features.Figures;

// The `figures` object of api.md (Reports). Names are fixed by the contract; more keys may be added.

public sealed record FigureSet(
    DisputeFigures Disputes, PetitionFigures Petitions, IReadOnlyDictionary<string, ReferralFigures> Referrals,
    SessionFigures Sessions, RiskItemFigures RiskItems, MediatorFigures Mediators, OverdueFigures Overdue);
