using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Timeline;
using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>
/// Loads a case for a change and writes what changed — the one persistence path of the <see cref="Case"/> aggregate,
/// used by the HTTP commands, the consumers (assignment, referral steps) and the overdue check alike (ADR 0012):
/// <list type="bullet">
/// <item><see cref="LoadForChangeAsync(Guid, CancellationToken)"/> takes the case's row lock (<c>SELECT … FOR UPDATE</c>, waiting at most
/// <see cref="LockTimeout"/>) inside the caller's transaction, so two writers of one case run one after the other and
/// neither can overwrite the other: a mediator's resolve and the police system's report-back both land, in order;</item>
/// <item><see cref="Record"/> turns the case's pending changes into timeline entries and outbox rows of the same unit of
/// work, so the version, the entry and the events are saved together or not at all.</item>
/// </list>
/// </summary>
public sealed class CaseStore(CasesDbContext db, LegalClock clock, TimeProvider time)
{
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(3);

    public CasesDbContext Db => db;

    /// <summary>The context of a change by <paramref name="actor"/> now.</summary>
    public CaseContext Context(string actor) => new(actor, time.GetUtcNow(), clock);

    /// <summary>
    /// The case with its parties and referrals, its row locked until the current transaction ends; null when it does
    /// not exist. Must run inside a transaction.
    /// </summary>
    public async Task<Case?> LoadForChangeAsync(Guid id, CancellationToken ct) => await LoadForChangeAsync(id, withChildren: true, ct);

    /// <summary>
    /// The same, and with <paramref name="withChildren"/> false without its parties, referrals and links (three queries
    /// fewer): for a change that reads and writes none of them — a notice such as "awaiting a mediator", which a saturated
    /// town gets for every new dispute.
    /// </summary>
    public async Task<Case?> LoadForChangeAsync(Guid id, bool withChildren, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("LoadForChangeAsync needs a transaction: the row lock lasts until it ends.");
        // one statement locks and loads the row, and sets the lock's wait limit: set_config in the filter runs on the row
        // before LockRows waits for it (volatile, so never evaluated ahead as a one-time filter)
        var c = (await db.Cases.FromSql(
                $"SELECT * FROM cases WHERE id = {id} AND set_config('lock_timeout', {LockTimeoutSetting}, true) IS NOT NULL FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();
        if (c is null || !withChildren) return c;
        await db.Entry(c).Collection(x => x.Parties).LoadAsync(ct);
        await db.Entry(c).Collection(x => x.Referrals).LoadAsync(ct);
        await db.Entry(c).Collection(x => x.Links).LoadAsync(ct);
        return c;
    }

    private static readonly string LockTimeoutSetting = ((int)LockTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Another case a change refers to (the case linked to, the matter repeated), tracked but not locked: it only gets a
    /// notice, which does not change it (ADR 0012), or is read. Null when it does not exist.
    /// </summary>
    public Task<Case?> LoadForNoticeAsync(Guid id, CancellationToken ct) => db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);

    /// <summary>Adds a new case to the unit of work (with its pending "registered" change).</summary>
    public void Add(Case c)
    {
        db.Cases.Add(c);
        Record(c);
    }

    /// <summary>Writes the case's pending changes — one timeline entry each, and their events — into the unit of work.</summary>
    public void Record(Case c)
    {
        foreach (var change in c.PendingChanges)
        {
            db.Timeline.Add(TimelineEntry.From(c.Id, change));
            foreach (var e in change.Events) db.AddOutboxMessage(e, c.Id);
        }
        c.ChangesSaved();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction under the database's retrying execution strategy (the whole unit is
    /// repeated on a transient failure): the tracker is cleared first, the transaction is committed when the work
    /// returns <c>commit = true</c>, rolled back otherwise.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<(bool Commit, T Result)>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(cancel);
            var (commit, result) = await work(cancel);
            if (commit)
            {
                await db.SaveChangesAsync(cancel);
                await tx.CommitAsync(cancel);
            }
            else
            {
                await tx.RollbackAsync(cancel);
            }
            return result;
        }, ct);
}
