namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A case was referred to another agency (移送/对接): <c>Whole</c> hands it over (the case becomes transferred),
/// otherwise the agency helps and reports back. Carries what routing needs — the case's number, title, category, place
/// and by when the agency should answer (<c>RespondBy</c>, working days) — and no personal data: the agency the referral
/// is routed to reads the parties' names from the case service (<c>GET /api/cases/referrals/{id}/parties</c>, logged).
/// </summary>
public sealed record CaseReferred(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Guid ReferralId,
    Agency Agency,
    string Reason,
    bool Whole,
    string Number,
    string Title,
    CaseKind Kind,
    DisputeCategory Category,
    string RegionCode,
    string? TownCode,
    string? DistrictCode,
    DateTimeOffset? RespondBy = null) : ICaseEvent;
