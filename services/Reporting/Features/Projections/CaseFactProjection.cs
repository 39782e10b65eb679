using MediationPlatform.Reporting.Data;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// A live case event: lock the case's fact row, fold the event into it (<see cref="CaseFactFold"/>), move the counters
/// (<see cref="CaseFactSet"/>) — all in the consumer's inbox transaction. The rebuild does the same per page.
/// </summary>
public abstract class CaseFactProjection<TEvent>(ReportingDbContext db) : Projection<TEvent>(db) where TEvent : class
{
    /// <summary>A live delivery takes the case's keyed lock (<see cref="CaseFactSet.LockAsync"/>) with its inbox claim.</summary>
    protected override IEnumerable<Guid> LockedIds(TEvent e) => CaseFactFold.CaseOf(e) is { } caseId ? [caseId] : [];

    public override async Task ProjectAsync(TEvent e, CancellationToken ct)
    {
        var caseId = CaseFactFold.CaseOf(e) ?? throw new InvalidOperationException($"{typeof(TEvent).Name} is not a case-fact event.");
        var facts = new CaseFactSet(Db);
        var fact = (await facts.LockAsync([caseId], ct))[caseId];
        CaseFactFold.Apply(fact, e);
        await facts.SaveAsync(ct);
    }
}
