namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A legal deadline passed without the step it demands (逾期). Published once per missed deadline: <c>Deadline</c> is
/// <c>mediation</c>, <c>acceptance</c>, <c>conclusion</c> or <c>review</c> of the case, or <c>referral</c> when an agency
/// did not answer a referral by its <c>respondBy</c> (then <c>ReferralId</c> names it); <c>OccurredAt</c> is the moment
/// it passed. Carries the case's region so that a supervisor's organisation can be told (督办) without a lookup.
/// </summary>
public sealed record CaseOverdue(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Deadline,
    DateTimeOffset DueAt,
    Guid? ReferralId = null,
    CaseKind? Kind = null,
    string? Number = null,
    string? RegionCode = null,
    string? TownCode = null,
    string? DistrictCode = null) : ICaseEvent;
