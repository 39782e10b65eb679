using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediationPlatform.Messaging;

/// <summary>
/// Wakes the dispatcher when a transaction that may have written outbox rows commits, so events leave within
/// milliseconds instead of at the next poll. A spurious wake-up costs one empty query; a missed one costs one poll interval.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        // At most one pending wake-up: several commits during one dispatch round need only one more round.
        try { _semaphore.Release(); } catch (SemaphoreFullException) { }
    }

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => await _semaphore.WaitAsync(timeout, ct);
}

/// <summary>Signals after a save that added outbox rows outside an explicit transaction, and after every commit.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    private static readonly object PendingKey = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Fire(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Fire(eventData.Context);
        return result;
    }

    private static void Mark(DbContext? db)
    {
        if (db is not null && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            OutboxPending.Set(db);
    }

    private void Fire(DbContext? db)
    {
        // Inside an explicit transaction the rows are not visible yet: the commit interceptor fires instead.
        if (db is not null && db.Database.CurrentTransaction is null && OutboxPending.Take(db)) signal.Notify();
    }

    internal static class OutboxPending
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Pending = new();
        public static void Set(DbContext db) => Pending.AddOrUpdate(db, PendingKey);
        public static bool Take(DbContext db) => Pending.Remove(db);
    }
}

public sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && OutboxSignalInterceptor.OutboxPending.Take(db)) signal.Notify();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db && OutboxSignalInterceptor.OutboxPending.Take(db)) signal.Notify();
    }

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) OutboxSignalInterceptor.OutboxPending.Take(db);
        return Task.CompletedTask;
    }
}
