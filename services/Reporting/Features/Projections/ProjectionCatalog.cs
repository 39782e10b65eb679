namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// Every projection, the service that publishes its event ("cases" or "mediators", the names of the rebuild's sources)
/// and the table it writes. Each table is fed by one publishing service only, so a rebuild can clear and replay one
/// source without touching what another source fed.
/// </summary>
public static class ProjectionCatalog
{
    public sealed record Entry(Type Projection, Type Event, string Source, string Table);

    public static readonly IReadOnlyList<Entry> All =
    [
        E<CaseRegisteredProjection>("cases", "case_facts"),
        E<CaseUpdatedProjection>("cases", "case_facts"),
        E<MediationStartedProjection>("cases", "case_facts"),
        E<CaseResolvedProjection>("cases", "case_facts"),
        E<CaseUnresolvedProjection>("cases", "case_facts"),
        E<CaseWithdrawnProjection>("cases", "case_facts"),
        E<CaseTransferredProjection>("cases", "case_facts"),
        E<PetitionAcceptedProjection>("cases", "case_facts"),
        E<PetitionNotAcceptedProjection>("cases", "case_facts"),
        E<PetitionConcludedProjection>("cases", "case_facts"),
        E<PetitionReviewRequestedProjection>("cases", "case_facts"),
        E<PetitionReviewConcludedProjection>("cases", "case_facts"),
        E<CaseLinkedProjection>("cases", "case_facts"),
        E<CaseReferredProjection>("cases", "referrals"),
        E<RiskItemOpenedProjection>("cases", "risk_items"),
        E<RiskItemClosedProjection>("cases", "risk_items"),
        E<CaseOverdueProjection>("cases", "overdue_facts"),
        E<RegionProjection>("mediators", "regions"),
        E<MediatorProjection>("mediators", "mediators"),
        E<ReferralAcceptedProjection>("mediators", "referral_outcomes"),
        E<ReferralDeclinedProjection>("mediators", "referral_outcomes"),
        E<ReferralCompletedProjection>("mediators", "referral_outcomes"),
        E<SessionScheduledProjection>("mediators", "sessions"),
        E<SessionHeldProjection>("mediators", "sessions"),
    ];

    private static Entry E<TProjection>(string source, string table) where TProjection : IProjection
    {
        var type = typeof(TProjection);
        var baseType = type.BaseType;
        while (baseType is not null && !(baseType.IsGenericType && baseType.GetGenericTypeDefinition() == typeof(Projection<>)))
            baseType = baseType.BaseType;
        return new Entry(type, baseType!.GetGenericArguments()[0], source, table);
    }
}
