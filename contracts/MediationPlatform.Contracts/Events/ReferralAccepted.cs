namespace MediationPlatform.Contracts.Events;

/// <summary>A step of a referral in the receiving agency's inbox (mediator service); the case service puts it on the case.</summary>
public sealed record ReferralAccepted(
    Guid ReferralId,
    Guid CaseId,
    Guid OrganizationId,
    string By,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
