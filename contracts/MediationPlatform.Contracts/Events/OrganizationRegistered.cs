namespace MediationPlatform.Contracts.Events;

/// <summary>
/// An organisation of the directory was added or changed: its kind and the regions it serves (the case service checks a
/// handed-in dispute's region against them). The whole current state each time; the newest <c>RecordedAt</c> wins.
/// </summary>
public sealed record OrganizationRegistered(
    Guid OrganizationId,
    string Name,
    OrganizationKind Kind,
    string RegionCode,
    IReadOnlyList<string> ServesRegionCodes,
    DateTimeOffset RecordedAt);
