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
    public static async Task<string> NextAsync(CasesDbContext db, RegionPath place, CaseKind kind, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var prefix = (place.TownCode ?? place.DistrictCode ?? place.Code).ToUpperInvariant();
        var year = ChinaTime.YearOf(receivedAt);
        var sequence = await db.Database.SqlQuery<int>($"""
            INSERT INTO case_number_counters (prefix, year, kind, last_value) VALUES ({prefix}, {year}, {(int)kind}, 1)
            ON CONFLICT (prefix, year, kind) DO UPDATE SET last_value = case_number_counters.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return $"{prefix}-{year}-{(kind == CaseKind.Dispute ? "D" : "P")}-{sequence[0]:00000}";
    }
}
