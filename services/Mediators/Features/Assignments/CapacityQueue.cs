using System.Collections.Concurrent;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>
/// No dispute waits silently (api.md, Intake): a dispute nobody had room for (<see cref="CaseRef.AwaitingSince"/>) is
/// assigned, oldest <c>receivedAt</c> first, as soon as a mediator serving its place has room again — a case of theirs
/// ended, their capacity was raised, they were added, reactivated or given more regions. Those changes call
/// <see cref="Signal"/> once committed; the worker wakes at once (event-driven) and, as a backstop for a signal lost to a
/// crash or sent on another replica, sweeps every <see cref="SweepInterval"/>. Each case is assigned in its own
/// transaction under its row lock, re-checked there, and the workload moves in one conditional statement, so with
/// several replicas a case is assigned once and no mediator goes over capacity. The assignment takes effect when it is
/// made (not back-dated to <c>receivedAt</c>).
/// </summary>
public sealed class CapacityQueue(IServiceScopeFactory scopes, TimeProvider time, ILogger<CapacityQueue> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(60);
    private const int BatchSize = 100;

    private readonly ConcurrentDictionary<Guid, byte> _pending = new();
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>The mediator may have room again (after the change was committed).</summary>
    public void Signal(Guid mediatorId)
    {
        if (_pending.TryAdd(mediatorId, 0)) _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = await _wake.WaitAsync(SweepInterval, stoppingToken).ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested) break;
            var mediators = _pending.Keys.ToList();
            foreach (var id in mediators) _pending.TryRemove(id, out _);
            while (_wake.CurrentCount > 0) await _wake.WaitAsync(stoppingToken); // every pending signal is handled by this pass
            try
            {
                var assigned = await DrainAsync(woken ? mediators : null, stoppingToken);
                if (assigned > 0) logger.LogInformation("Capacity queue: {Count} waiting disputes assigned", assigned);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Capacity queue pass failed; the next signal or sweep tries again");
            }
        }
    }

    /// <summary>
    /// Assigns waiting disputes in the places of <paramref name="mediatorIds"/> (null: everywhere), oldest first, until a
    /// whole batch finds nobody with room. Returns how many were assigned. Public for tests.
    /// </summary>
    public async Task<int> DrainAsync(IReadOnlyCollection<Guid>? mediatorIds, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MediatorsDbContext>();
        string[]? codes = null;
        if (mediatorIds is not null)
        {
            codes = (await db.Mediators.AsNoTracking().Where(m => mediatorIds.Contains(m.Id) && m.Active && m.ActiveCases < m.MaxActiveCases)
                .Select(m => m.RegionCodes).ToListAsync(ct)).SelectMany(c => c).Distinct().ToArray();
            if (codes.Length == 0) return 0;
        }
        var total = 0;
        DateTimeOffset? after = null;
        Guid afterId = Guid.Empty;
        while (true)
        {
            var waiting = db.Cases.AsNoTracking().Where(c => c.AwaitingSince != null && c.AssignedMediatorId == null && !c.Closed && c.Kind == CaseKind.Dispute);
            if (codes is not null) waiting = waiting.WithinAny(codes);
            if (after is { } a) waiting = waiting.Where(c => c.ReceivedAt > a || (c.ReceivedAt == a && c.CaseId.CompareTo(afterId) > 0));
            var batch = await waiting.OrderBy(c => c.ReceivedAt).ThenBy(c => c.CaseId).Select(c => new { c.CaseId, c.ReceivedAt }).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return total;
            var assignedInBatch = 0;
            foreach (var item in batch)
                if (await TryAssignAsync(db, item.CaseId, ct)) assignedInBatch++;
            total += assignedInBatch;
            if (assignedInBatch == 0 || batch.Count < BatchSize) return total; // nobody had room for a whole batch: done until the next signal
            (after, afterId) = (batch[^1].ReceivedAt, batch[^1].CaseId);
        }
    }

    private async Task<bool> TryAssignAsync(MediatorsDbContext db, Guid caseId, CancellationToken ct) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(cancel);
            var c = await Workload.LockCaseAsync(db, caseId, cancel);
            // another replica (or a supervisor) got there first, or it ended meanwhile
            if (c is null || c.Closed || c.AssignedMediatorId is not null || c.AwaitingSince is null) return false;
            var decision = await AutomaticAssignment.ChooseAsync(db, c, null, null, cancel);
            if (decision.MediatorId is not { } mediatorId) return false;
            var now = time.GetUtcNow();
            if (await AutomaticAssignment.RecordAsync(db, c, mediatorId, decision.Rung, automatic: true, now, now, "system:capacity-queue",
                    allowOverCapacity: false, cancel) is null) return false; // reached capacity meanwhile: the next case is tried
            await db.SaveChangesAsync(cancel);
            await tx.CommitAsync(cancel);
            return true;
        }, ct);
}

/// <summary>
/// A saturated mediator pool is logged once per town and minute with how many disputes it turned away in that minute, not
/// once per case (a full town under load wrote 65,029 lines in ten minutes — issue 26).
/// </summary>
public sealed class SaturationLog(TimeProvider time, ILogger<SaturationLog> logger)
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Window> _towns = new(StringComparer.Ordinal);

    private sealed class Window
    {
        public DateTimeOffset Start;
        public int Count;
    }

    public void NobodyHasRoom(CaseRef c)
    {
        var town = c.TownCode ?? c.RegionCode;
        var now = time.GetUtcNow();
        var w = _towns.GetOrAdd(town, _ => new Window { Start = DateTimeOffset.MinValue });
        int count;
        lock (w)
        {
            w.Count++;
            if (now - w.Start < Period) return;
            count = w.Count;
            w.Start = now;
            w.Count = 0;
        }
        logger.LogWarning("No mediator serving {Town} has room: {Count} dispute(s) wait in the capacity queue since the last report (latest {Number}); " +
            "they are assigned oldest first as soon as one has room", town, count, c.Number);
    }
}
