using MediationPlatform.Reporting.Data;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// A live case event: lock the case's fact row, fold the event into it (<see cref="CaseFactFold"/>), move the counters
/// (<see cref="CaseFactSet"/>) — all in the consumer's inbox transaction; a batch of deliveries in one go. The rebuild does the same per page.
/// </summary>
public abstract class CaseFactProjection<TEvent>(ReportingDbContext db) : Projection<TEvent>(db) where TEvent : class
{
    /// <summary>A live delivery takes the case's keyed lock (<see cref="CaseFactSet.LockAsync"/>) with its inbox claim.</summary>
    protected override IEnumerable<Guid> LockedIds(TEvent e) => CaseFactFold.CaseOf(e) is { } caseId ? [caseId] : [];

    public override Task ProjectAsync(TEvent e, CancellationToken ct) => ProjectAllAsync([e], ct);

    /// <summary>
    /// A batch of deliveries set-wise, as the rebuild does a page: every case's row locked and loaded in one statement,
    /// the events folded in delivery order, the rows and the counters written once (<see cref="CaseFactSet"/>).
    /// </summary>
    protected override async Task ProjectAllAsync(IReadOnlyList<TEvent> events, CancellationToken ct)
    {
        var facts = new CaseFactSet(Db);
        var rows = await facts.LockAsync(events.Select(CaseOf).ToList(), ct);
        foreach (var e in events) CaseFactFold.Apply(rows[CaseOf(e)], e);
        await facts.SaveAsync(ct);
    }

    private static Guid CaseOf(TEvent e) =>
        CaseFactFold.CaseOf(e) ?? throw new InvalidOperationException($"{typeof(TEvent).Name} is not a case-fact event.");
}
