namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A dispute or petition was registered (version 1). Region codes are resolved up to town and district.
/// <c>IntakeAgency</c>: the agency that handed the dispute in (police, court, petition_office; null otherwise, and in
/// events recorded before intake existed).
/// </summary>
public sealed record CaseRegistered(
    Guid CaseId,
    int Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Number,
    CaseKind Kind,
    DisputeCategory Category,
    PetitionType? PetitionType,
    string RegionCode,
    string? TownCode,
    string? DistrictCode,
    CaseSource Source,
    CaseChannel Channel,
    RiskLevel RiskLevel,
    DateTimeOffset ReceivedAt,
    int PartyCount,
    decimal? AmountInvolved,
    string RegisteredBy,
    Guid? RegisteredByMediatorId,
    Agency? IntakeAgency = null) : ICaseEvent;
