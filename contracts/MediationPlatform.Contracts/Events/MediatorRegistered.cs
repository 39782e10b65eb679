namespace MediationPlatform.Contracts.Events;

/// <summary>A mediator was added to the directory or changed (active flag, regions). No phone number.</summary>
public sealed record MediatorRegistered(
    Guid MediatorId,
    string Name,
    MediatorKind Kind,
    Guid OrganizationId,
    IReadOnlyList<string> RegionCodes,
    bool Active,
    DateTimeOffset RecordedAt);
