using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.ServiceDefaults.Data;

/// <summary>
/// Transaction-scoped advisory locks on ids (<c>pg_advisory_xact_lock</c>): a lock on a row that may not exist yet.
/// Two first events of one case both wanting to create its row run one after the other instead of one failing on the
/// primary key and being retried. Keys are taken in a fixed order, so two transactions cannot deadlock on them.
/// </summary>
public static class KeyLocks
{
    public static async Task LockAsync(DbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var keys = ids.Select(Key).Distinct().Order().ToArray();
        if (keys.Length == 0) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(k) FROM unnest({keys}) AS k ORDER BY k", ct);
    }

    private static long Key(Guid id) => BitConverter.ToInt64(id.ToByteArray(), 8); // the random half of a v7 id
}
