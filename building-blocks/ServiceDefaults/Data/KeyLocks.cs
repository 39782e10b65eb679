using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MediationPlatform.ServiceDefaults.Data;

/// <summary>
/// Transaction-scoped advisory locks on ids (<c>pg_advisory_xact_lock</c>): a lock on a row that may not exist yet.
/// Two first events of one case both wanting to create its row run one after the other instead of one failing on the
/// primary key and being retried. Keys are taken in a fixed order, so two transactions cannot deadlock on them.
/// <para>The keys a transaction holds are remembered with it: a consumer takes its message's keys with its inbox claim,
/// in the same round trip (<see cref="Command"/>, <see cref="Taken"/>), and the code it runs next — the same code a
/// replay runs without that claim — asks for them again at no cost (ADR 0017).</para>
/// </summary>
public static class KeyLocks
{
    private static readonly ConditionalWeakTable<IDbContextTransaction, HashSet<long>> Held = new();

    public static async Task LockAsync(DbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var keys = Missing(db, ids);
        if (keys.Length == 0) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(k) FROM unnest({keys}) AS k ORDER BY k", ct);
        Taken(db, keys);
    }

    /// <summary>The keys of <paramref name="ids"/> the current transaction does not hold yet, in the order they are taken.</summary>
    public static long[] Missing(DbContext db, IEnumerable<Guid> ids)
    {
        var keys = ids.Select(KeyOf).Distinct().Order();
        return db.Database.CurrentTransaction is { } tx && Held.TryGetValue(tx, out var held)
            ? keys.Where(k => !held.Contains(k)).ToArray()
            : keys.ToArray();
    }

    /// <summary>The statement that takes <paramref name="keys"/> (from <see cref="Missing"/>), for a batch of the caller's own.</summary>
    public static NpgsqlBatchCommand Command(long[] keys) =>
        new("SELECT pg_advisory_xact_lock(k) FROM unnest($1) AS k ORDER BY k") { Parameters = { new() { Value = keys } } };

    /// <summary>Remembers that the current transaction holds <paramref name="keys"/> (outside a transaction they end with the statement).</summary>
    public static void Taken(DbContext db, long[] keys)
    {
        if (db.Database.CurrentTransaction is { } tx) Held.GetOrCreateValue(tx).UnionWith(keys);
    }

    /// <summary>The lock key of an id: the random half of a version-7 id.</summary>
    public static long KeyOf(Guid id) => BitConverter.ToInt64(id.ToByteArray(), 8);
}
