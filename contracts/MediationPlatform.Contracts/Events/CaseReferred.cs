namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A case was referred to another agency (移送/对接): <c>Whole</c> hands it over (the case becomes transferred),
/// otherwise the agency helps and reports back. Carries only what the agency needs to act: the case's number, title,
/// category, place, the parties' names and by when it should answer (<c>RespondBy</c>, working days) — never ID numbers or phones.
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
    IReadOnlyList<string> PartyNames,
    DateTimeOffset? RespondBy = null) : ICaseEvent;
