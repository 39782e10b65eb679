using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Numbering;

/// <summary>
/// Readable case numbers, unique per town, CST year of receipt and kind: <c>MUER-2021-D-00017</c>. The counter row is
/// incremented by one upsert in the caller's transaction, so two registrations never get the same number and a rolled
/// back registration gives its number back.
/// </summary>
public static class CaseNumbers
{
    public static async Task<string> NextAsync(CasesDbContext db, RegionPath place, CaseKind kind, DateTimeOffset receivedAt, CancellationToken ct) =>
        (await ReserveAsync(db, place, kind, ChinaTime.YearOf(receivedAt), 1, ct))[0];

    /// <summary>
    /// <paramref name="count"/> consecutive numbers of one town, CST year and kind in one upsert (a ledger import numbers a
    /// batch of cases at once); like <see cref="NextAsync"/>, given back when the transaction rolls back.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReserveAsync(CasesDbContext db, RegionPath place, CaseKind kind, int year, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var prefix = (place.TownCode ?? place.DistrictCode ?? place.Code).ToUpperInvariant();
        var last = await db.Database.SqlQuery<int>($"""
            INSERT INTO case_number_counters (prefix, year, kind, last_value) VALUES ({prefix}, {year}, {(int)kind}, {count})
            ON CONFLICT (prefix, year, kind) DO UPDATE SET last_value = case_number_counters.last_value + {count}
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        var letter = kind == CaseKind.Dispute ? "D" : "P";
        return Enumerable.Range(last[0] - count + 1, count).Select(n => $"{prefix}-{year}-{letter}-{n:00000}").ToList();
    }
}
