namespace MediationPlatform.Reporting.Features.Figures;

public sealed record DisputeFigures(
    int Registered, int Resolved, int Unresolved, int Withdrawn, int Transferred, int InProgress, double? SuccessRate,
    decimal AmountInvolved, int PeopleInvolved, int EscalationPrevented,
    IReadOnlyDictionary<string, CategoryFigures> ByCategory, IReadOnlyDictionary<string, int> BySource,
    IReadOnlyDictionary<string, int> ByChannel, IReadOnlyDictionary<string, RegionFigures> ByRegion,
    IReadOnlyDictionary<string, int> ByAgreementType, IReadOnlyDictionary<string, MonthFigures> ByMonth);
