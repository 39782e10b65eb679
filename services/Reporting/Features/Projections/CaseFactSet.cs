using MediationPlatform.Reporting.Data;
using MediationPlatform.ServiceDefaults.Web;
using MediationPlatform.Reporting.Features.Figures;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// The case fact rows one unit of work changes, and the counters that follow them — the explicit projection path of the
/// case figures (no hidden SaveChanges hook). <see cref="LockAsync"/> locks and loads the rows (<c>FOR UPDATE</c>, one
/// statement for any number of cases; missing ones are added) and remembers what each contributed to the counters;
/// after the fold changed them, <see cref="SaveCountersAsync"/> moves the counters by the difference in one statement,
/// in the same transaction. Locking matters: events of one case arrive on different queues and are applied
/// concurrently; without the lock a slower, older event could write its status over a newer one.
/// </summary>
public sealed class CaseFactSet(ReportingDbContext db)
{
    private readonly Dictionary<Guid, (CaseFact Fact, Dictionary<CounterKey, decimal> Before)> _rows = [];

    public async Task<IReadOnlyDictionary<Guid, CaseFact>> LockAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        var wanted = caseIds.Where(id => !_rows.ContainsKey(id)).Distinct().ToArray();
        if (wanted.Length > 0)
        {
            // live events (a handful of cases): creating a missing row is serialised too; a replayed page (thousands of
            // rows, in log order) does without and retries the rare clash with a live event instead
            if (wanted.Length <= 16) await KeyLocks.LockAsync(db, wanted, ct);
            var found = await db.CaseFacts.FromSql($"SELECT * FROM case_facts WHERE case_id = ANY({wanted}) FOR UPDATE").AsTracking().ToListAsync(ct);
            foreach (var fact in found) Remember(fact);
            foreach (var missing in wanted.Except(found.Select(f => f.CaseId)))
            {
                var fact = new CaseFact { CaseId = missing };
                db.CaseFacts.Add(fact);
                Remember(fact);
            }
        }
        return caseIds.Distinct().ToDictionary(id => id, id => _rows[id].Fact);
    }

    private void Remember(CaseFact fact)
    {
        var before = new Dictionary<CounterKey, decimal>();
        CaseCounters.Add(before, fact, +1);
        _rows[fact.CaseId] = (fact, before);
    }

    /// <summary>Moves the counters by what the folded rows contribute now minus what they contributed when locked.</summary>
    public async Task SaveCountersAsync(CancellationToken ct)
    {
        var deltas = new Dictionary<CounterKey, decimal>();
        foreach (var (fact, before) in _rows.Values)
        {
            CaseCounters.Add(deltas, fact, +1);
            foreach (var (key, value) in before) deltas[key] = deltas.GetValueOrDefault(key) - value;
            // the new state is what the next save compares against
        }
        await CaseCounters.ApplyAsync(db, deltas, ct);
        foreach (var id in _rows.Keys.ToList()) Remember(_rows[id].Fact);
    }
}
