using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MediationPlatform.ServiceDefaults.Data;

/// <summary>
/// Work that one replica at a time may do (migrations at start, the retention run, the annual schedule): a session
/// advisory lock of the service's database (<c>pg_advisory_lock</c>), held on the connection the work itself uses and
/// released explicitly — a pooled connection keeps a session lock until it is reused, so closing alone is not enough.
/// </summary>
public static class SingleRunner
{
    /// <summary>Well-known keys, one per kind of work (advisory locks are per database).</summary>
    public const long Migrations = 5243900002, Retention = 5243900001, AnnualSchedule = 5243900003, Rebuild = 5243900004;

    /// <summary>
    /// The committed migrations, one replica at a time. The lock lives in the database, so on a first start against an
    /// empty server the database is created first (as EF's <c>Migrate</c> alone would; replicas racing to create it:
    /// the loser finds it made).
    /// </summary>
    public static async Task MigrateAsync(DbContext db, CancellationToken ct = default)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // another replica created it a moment ago
            }
        }
        await RunAsync(db, Migrations, async () =>
        {
            // the history table first: on a new database EF's migrator reads it before creating it and logs that failed
            // read as an error, the first line an installer would see of a healthy start
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            await db.Database.MigrateAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>Waits for the lock, runs <paramref name="work"/>, releases it.</summary>
    public static async Task<T> RunAsync<T>(DbContext db, long key, Func<Task<T>> work, CancellationToken ct = default) =>
        (await RunCoreAsync(db, key, wait: true, work, ct)).Result;

    /// <summary>Whether some session (this replica or another) holds the lock <paramref name="key"/> of this database now.</summary>
    public static async Task<bool> HeldAsync(DbContext db, long key, CancellationToken ct = default)
    {
        // a bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits), objsubid 1
        long high = (key >> 32) & 0xFFFFFFFF, low = key & 0xFFFFFFFF;
        return await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
              AND classid::bigint = {high} AND objid::bigint = {low}
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS "Value"
            """).SingleAsync(ct);
    }

    /// <summary>Runs <paramref name="work"/> if the lock is free now; false when another replica holds it.</summary>
    public static async Task<bool> TryRunAsync(DbContext db, long key, Func<Task> work, CancellationToken ct = default) =>
        (await RunCoreAsync(db, key, wait: false, async () => { await work(); return true; }, ct)).Ran;

    private static async Task<(bool Ran, T Result)> RunCoreAsync<T>(DbContext db, long key, bool wait, Func<Task<T>> work, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (wait) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", ct);
            else if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(ct))
                return (false, default!);
            try
            {
                return (true, await work());
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
