using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// Base of the outcome projections: each event sets its own fields on the case's fact row (so arrival order does not
/// matter), and moves the status only when its version is newer than what the row has seen.
/// </summary>
public abstract class FactProjection<TEvent>(ReportingDbContext db) : Projection<TEvent>(db)
    where TEvent : class, ICaseEvent
{
    protected abstract CaseStatus? StatusAfter(TEvent e);

    protected abstract void Apply(CaseFact fact, TEvent e);

    public override async Task ProjectAsync(TEvent e, CancellationToken ct)
    {
        var fact = await CaseFactRows.LockOrAddAsync(Db, e.CaseId, ct);
        Apply(fact, e);
        if (e.Version > fact.Version)
        {
            fact.Version = e.Version;
            if (StatusAfter(e) is { } status) fact.Status = status;
        }
    }
}

public sealed class MediationStartedProjection(ReportingDbContext db) : FactProjection<MediationStarted>(db)
{
    protected override CaseStatus? StatusAfter(MediationStarted e) => CaseStatus.Mediating;
    protected override void Apply(CaseFact f, MediationStarted e) { }
}

public sealed class CaseResolvedProjection(ReportingDbContext db) : FactProjection<CaseResolved>(db)
{
    protected override CaseStatus? StatusAfter(CaseResolved e) => CaseStatus.Resolved;
    protected override void Apply(CaseFact f, CaseResolved e)
    {
        f.ResolvedAt = e.OccurredAt;
        f.AgreementType = e.AgreementType;
        f.EscalationPrevented = e.EscalationPrevented;
    }
}

public sealed class CaseUnresolvedProjection(ReportingDbContext db) : FactProjection<CaseUnresolved>(db)
{
    protected override CaseStatus? StatusAfter(CaseUnresolved e) => CaseStatus.Unresolved;
    protected override void Apply(CaseFact f, CaseUnresolved e) => f.UnresolvedAt = e.OccurredAt;
}

public sealed class CaseWithdrawnProjection(ReportingDbContext db) : FactProjection<CaseWithdrawn>(db)
{
    protected override CaseStatus? StatusAfter(CaseWithdrawn e) => CaseStatus.Withdrawn;
    protected override void Apply(CaseFact f, CaseWithdrawn e) => f.WithdrawnAt = e.OccurredAt;
}

public sealed class CaseTransferredProjection(ReportingDbContext db) : FactProjection<CaseTransferred>(db)
{
    protected override CaseStatus? StatusAfter(CaseTransferred e) => CaseStatus.Transferred;
    protected override void Apply(CaseFact f, CaseTransferred e) => f.TransferredAt = e.OccurredAt;
}

public sealed class PetitionAcceptedProjection(ReportingDbContext db) : FactProjection<PetitionAccepted>(db)
{
    protected override CaseStatus? StatusAfter(PetitionAccepted e) => CaseStatus.Accepted;
    protected override void Apply(CaseFact f, PetitionAccepted e) => f.AcceptedAt = e.OccurredAt;
}

public sealed class PetitionNotAcceptedProjection(ReportingDbContext db) : FactProjection<PetitionNotAccepted>(db)
{
    protected override CaseStatus? StatusAfter(PetitionNotAccepted e) => CaseStatus.NotAccepted;
    protected override void Apply(CaseFact f, PetitionNotAccepted e) => f.NotAcceptedAt = e.OccurredAt;
}

public sealed class PetitionConcludedProjection(ReportingDbContext db) : FactProjection<PetitionConcluded>(db)
{
    protected override CaseStatus? StatusAfter(PetitionConcluded e) => CaseStatus.Concluded;
    protected override void Apply(CaseFact f, PetitionConcluded e)
    {
        f.ConcludedAt = e.OccurredAt;
        f.ConcludedOnTime = e.OnTime;
        f.Opinion = e.Opinion;
    }
}

public sealed class PetitionReviewRequestedProjection(ReportingDbContext db) : FactProjection<PetitionReviewRequested>(db)
{
    protected override CaseStatus? StatusAfter(PetitionReviewRequested e) => CaseStatus.UnderReview;
    protected override void Apply(CaseFact f, PetitionReviewRequested e)
    {
        if (e.Level == ReviewLevel.Review) f.ReviewRequestedAt = e.OccurredAt;
        else f.SecondReviewRequestedAt = e.OccurredAt;
    }
}

public sealed class PetitionReviewConcludedProjection(ReportingDbContext db) : FactProjection<PetitionReviewConcluded>(db)
{
    protected override CaseStatus? StatusAfter(PetitionReviewConcluded e) => CaseStatus.ReviewConcluded;
    protected override void Apply(CaseFact f, PetitionReviewConcluded e) { }
}
