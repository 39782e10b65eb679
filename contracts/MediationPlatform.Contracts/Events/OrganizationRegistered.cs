namespace MediationPlatform.Contracts.Events;

/// <summary>
/// An organisation of the directory was added or changed: its kind and the regions it serves (the case service checks a
/// handed-in dispute's region against them). The whole current state each time; the newest <c>RecordedAt</c> wins.
/// <c>Active</c> false: the organisation was wound up or merged (no longer routed to, hands nothing in); optional, so
/// events recorded before it read as active.
/// </summary>
public sealed record OrganizationRegistered(
    Guid OrganizationId,
    string Name,
    OrganizationKind Kind,
    string RegionCode,
    IReadOnlyList<string> ServesRegionCodes,
    DateTimeOffset RecordedAt,
    bool Active = true);
