using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// The case fact rows one unit of work changes, and the counters that follow them — the explicit projection path of the
/// case figures (no hidden SaveChanges hook). <see cref="LockAsync"/> locks and loads the rows (<c>FOR UPDATE</c>, one
/// statement for any number of cases; missing ones are created in memory) and remembers what each contributed to the
/// counters; after the fold changed them, <see cref="SaveAsync"/> writes the rows (one insert and one update statement
/// for any number of rows, <see cref="RowWriter"/>) and moves the counters by the difference, in the same transaction.
/// Locking matters: events of one case arrive on different queues and are applied concurrently; without the lock a
/// slower, older event could write its status over a newer one.
/// </summary>
public sealed class CaseFactSet(ReportingDbContext db)
{
    private sealed class Row(CaseFact fact, bool stored)
    {
        public CaseFact Fact { get; } = fact;
        public bool Stored { get; set; } = stored;
        public Dictionary<CounterKey, decimal> Before { get; set; } = [];
    }

    private readonly Dictionary<Guid, Row> _rows = [];

    public async Task<IReadOnlyDictionary<Guid, CaseFact>> LockAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        var wanted = caseIds.Where(id => !_rows.ContainsKey(id)).Distinct().ToArray();
        if (wanted.Length > 0)
        {
            // live events (a handful of cases): creating a missing row is serialised too; a replayed page (thousands of
            // rows, in log order) does without and retries the rare clash with a live event instead (the insert of a
            // row a live event created meanwhile fails on the primary key)
            if (wanted.Length <= 16) await KeyLocks.LockAsync(db, wanted, ct);
            var found = await db.CaseFacts.FromSql($"SELECT * FROM case_facts WHERE case_id = ANY({wanted}) FOR UPDATE")
                .AsNoTracking().ToListAsync(ct);
            foreach (var fact in found) Remember(new Row(fact, stored: true));
            foreach (var missing in wanted.Except(found.Select(f => f.CaseId)))
                Remember(new Row(new CaseFact { CaseId = missing }, stored: false));
        }
        return caseIds.Distinct().ToDictionary(id => id, id => _rows[id].Fact);
    }

    private void Remember(Row row)
    {
        row.Before = ContributionsOf(row.Fact);
        _rows[row.Fact.CaseId] = row;
    }

    /// <summary>What one fact row adds to the counters.</summary>
    private static Dictionary<CounterKey, decimal> ContributionsOf(CaseFact fact)
    {
        var contributions = new Dictionary<CounterKey, decimal>();
        CaseCounters.Add(contributions, fact, +1);
        return contributions;
    }

    /// <summary>
    /// Writes the rows (new ones inserted, the others updated) and moves the counters by what the rows contribute now
    /// minus what they contributed when locked (or last saved).
    /// </summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        // what each row contributes now, computed once: the delta's plus, and what the next save compares against
        var current = _rows.Values.Select(row => (Row: row, Now: ContributionsOf(row.Fact))).ToList();
        var deltas = new Dictionary<CounterKey, decimal>();
        foreach (var (row, now) in current)
        {
            foreach (var (key, value) in now) deltas[key] = deltas.GetValueOrDefault(key) + value;
            foreach (var (key, value) in row.Before) deltas[key] = deltas.GetValueOrDefault(key) - value;
        }
        await RowWriter.InsertAsync(db, _rows.Values.Where(r => !r.Stored).Select(r => r.Fact).ToList(), ct);
        await RowWriter.UpdateAsync(db, _rows.Values.Where(r => r.Stored).Select(r => r.Fact).ToList(), ct);
        await CaseCounters.ApplyAsync(db, deltas, ct);
        foreach (var (row, now) in current)
        {
            row.Stored = true; // the new state is what the next save compares against
            row.Before = now;
        }
    }
}
