using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediationPlatform.Messaging;

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
        if (db is null) return;
        // outbox rows are added, never modified in place, so their state is known without a scan of every tracked entity
        // (Entries() would run DetectChanges, which SaveChanges runs again right after this)
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added)) OutboxPending.Set(db);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
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
