using MediationPlatform.Contracts;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed record MediatorCandidate(
    Guid Id,
    MediatorKind Kind,
    IReadOnlyCollection<string> RegionCodes,
    IReadOnlyCollection<DisputeCategory> Specialties,
    int MaxActiveCases,
    int ActiveCases,
    DateTimeOffset? LastAssignedAt,
    bool Active);
