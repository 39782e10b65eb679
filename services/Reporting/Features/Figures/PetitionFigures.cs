namespace MediationPlatform.Reporting.Features.Figures;

public sealed record PetitionFigures(
    int Registered, int Accepted, int NotAccepted, int Transferred, int Concluded, int ConcludedOnTime, double? OnTimeRate,
    IReadOnlyDictionary<string, int> ByType, IReadOnlyDictionary<string, int> ByOpinion, int ReviewsRequested,
    int Repeat);
