namespace MediationPlatform.Contracts.Events;

/// <summary>
/// The explicit list of event types that travel through the outbox. The outbox stores the short name; this table maps
/// it back to the type (no <c>Type.GetType</c>, no reflection scanning). Add every new event here.
/// </summary>
public static class EventCatalog
{
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(CaseRegistered),
        typeof(CaseUpdated),
        typeof(MediatorAssigned),
        typeof(RegionRegistered),
        typeof(MediatorRegistered),
        typeof(MediationStarted),
        typeof(CaseResolved),
        typeof(CaseUnresolved),
        typeof(CaseWithdrawn),
        typeof(CaseTransferred),
        typeof(DeadlineExtended),
        typeof(PetitionAccepted),
        typeof(PetitionNotAccepted),
        typeof(PetitionConcluded),
        typeof(PetitionReviewRequested),
        typeof(PetitionReviewConcluded),
        typeof(CaseOverdue),
        typeof(CaseReferred),
        typeof(ReferralRouted),
        typeof(ReferralAccepted),
        typeof(ReferralDeclined),
        typeof(ReferralCompleted),
        typeof(SessionScheduled),
        typeof(SessionHeld),
        typeof(SessionRescheduled),
        typeof(SessionCancelled),
        typeof(RiskItemOpened),
        typeof(RiskItemClosed),
        typeof(CaseLinked),
        typeof(OrganizationRegistered),
        typeof(AssignmentAwaited),
        typeof(IntakeChanged),
    ];
}
