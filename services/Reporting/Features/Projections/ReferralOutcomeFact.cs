namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// What the receiving agency did with a referral (ReferralAccepted/Declined/Completed, published by the mediator
/// service). A separate table from <see cref="ReferralFact"/> so each projection table is fed by one publishing service
/// (the rebuild clears and replays per source); joined on the referral id when figures are computed.
/// </summary>
public sealed class ReferralOutcomeFact
{
    public Guid ReferralId { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? DeclinedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
