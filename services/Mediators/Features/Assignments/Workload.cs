using MediationPlatform.Mediators.Data;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>
/// Workload release: a case that ended (resolved, unresolved, withdrawn, transferred whole) no longer counts towards its
/// mediator's <c>activeCases</c>. The case is marked closed once; a second ending changes nothing. An ending of a case
/// this service has not heard of yet changes no workload but leaves a closed placeholder, so that a late
/// <c>CaseRegistered</c> (queues are consumed independently: a case withdrawn right after registration) does not assign
/// a case that has already ended. The case's row is locked and the mediator's counter moved in one statement, so
/// concurrent endings, assignments and reassignments neither conflict nor lose an update.
/// </summary>
public static class Workload
{
    /// <summary>
    /// The case's row, locked until the transaction ends — and, when it does not exist yet, the right to create it — so
    /// that concurrent assignments, endings and the registration of one case run one after the other.
    /// </summary>
    public static async Task<CaseRef?> LockCaseAsync(MediatorsDbContext db, Guid caseId, CancellationToken ct)
    {
        await KeyLocks.LockAsync(db, [caseId], ct);
        return (await db.Cases.FromSql($"SELECT *, xmin FROM cases WHERE case_id = {caseId} FOR UPDATE").AsTracking().ToListAsync(ct)).FirstOrDefault();
    }

    /// <summary>
    /// One more active case for the mediator, in one statement (no read-modify-write, so no lost update and no retry
    /// storm on a busy mediator) — only while below <c>maxActiveCases</c> unless <paramref name="allowOverCapacity"/>.
    /// False when the mediator was at capacity by then.
    /// </summary>
    public static async Task<bool> TakeAsync(MediatorsDbContext db, Guid mediatorId, DateTimeOffset now, bool allowOverCapacity, CancellationToken ct) =>
        await db.Mediators.Where(m => m.Id == mediatorId && (allowOverCapacity || m.ActiveCases < m.MaxActiveCases))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ActiveCases, m => m.ActiveCases + 1).SetProperty(m => m.LastAssignedAt, now), ct) == 1;

    /// <summary>One active case fewer (never below zero), in one statement.</summary>
    public static Task GiveBackAsync(MediatorsDbContext db, Guid mediatorId, CancellationToken ct) =>
        db.Mediators.Where(m => m.Id == mediatorId && m.ActiveCases > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ActiveCases, m => m.ActiveCases - 1), ct);

    /// <summary>The case ended: closed once, its mediator's workload given back. Returns that mediator (null: nobody's room changed).</summary>
    public static async Task<Guid?> ReleaseAsync(MediatorsDbContext db, Guid caseId, CancellationToken ct)
    {
        var c = await LockCaseAsync(db, caseId, ct);
        if (c is null)
        {
            db.Cases.Add(new CaseRef { CaseId = caseId, Closed = true, Placeholder = true });
            return null;
        }
        if (c.Closed) return null;
        c.Closed = true;
        c.AwaitingSince = null;
        if (c.AssignedMediatorId is not { } mediatorId) return null;
        await GiveBackAsync(db, mediatorId, ct);
        return mediatorId;
    }
}
