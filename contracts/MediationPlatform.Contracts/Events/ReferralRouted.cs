namespace MediationPlatform.Contracts.Events;

/// <summary>
/// The mediator service routed a referral to the organisation of the requested agency that serves the case's place
/// (null: none serves it yet, the referral waits unrouted). The case service remembers it, so that the agency it went
/// to — and only that one — may read the case's parties.
/// </summary>
public sealed record ReferralRouted(
    Guid ReferralId,
    Guid CaseId,
    Guid? OrganizationId,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
