namespace MediationPlatform.Reporting.Features.Summary;

// The `figures` object of api.md (Reports). Names are fixed by the contract; more keys may be added.

public sealed record CategoryFigures(int Registered, int Resolved);

public sealed record RegionFigures(int Registered, int Resolved);

public sealed record DisputeFigures(
    int Registered, int Resolved, int Unresolved, int Withdrawn, int Transferred, int InProgress, double? SuccessRate,
    decimal AmountInvolved, int PeopleInvolved, int EscalationPrevented,
    IReadOnlyDictionary<string, CategoryFigures> ByCategory, IReadOnlyDictionary<string, int> BySource,
    IReadOnlyDictionary<string, int> ByChannel, IReadOnlyDictionary<string, RegionFigures> ByRegion,
    IReadOnlyDictionary<string, int> ByAgreementType);

public sealed record PetitionFigures(
    int Registered, int Accepted, int NotAccepted, int Transferred, int Concluded, int ConcludedOnTime, double? OnTimeRate,
    IReadOnlyDictionary<string, int> ByType, IReadOnlyDictionary<string, int> ByOpinion, int ReviewsRequested);

public sealed record ReferralFigures(int Made, int Accepted, int Declined, int Completed);

public sealed record SessionFigures(int Scheduled, int Held);

public sealed record RiskItemFigures(int Opened, int Closed);

public sealed record MediatorFigures(int Active);

public sealed record Figures(
    DisputeFigures Disputes, PetitionFigures Petitions, IReadOnlyDictionary<string, ReferralFigures> Referrals,
    SessionFigures Sessions, RiskItemFigures RiskItems, MediatorFigures Mediators);

public sealed record SummaryResponse(int Year, string? RegionCode, DateTimeOffset GeneratedAt, Figures Figures);
