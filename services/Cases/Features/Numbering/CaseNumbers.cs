using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.Cases.Features.Numbering;

/// <summary>
/// Readable case numbers, unique per town, CST year of receipt and kind: <c>MUER-2021-D-00017</c>, from a counter row per
/// (town, year, kind) incremented by one upsert — so two registrations never get the same number.
/// <para>A registration takes its number in a <b>short transaction of its own</b> (<see cref="NextAsync"/>, ADR 0017): the
/// counter row is locked for that one statement, not until the registration commits. Held to the commit, the row made
/// every registration of a town wait behind the slowest commit in front of it (a lock convoy: in the benchmark 22–48
/// backends queued on it for seconds when one commit met a slow WAL flush). The price: a registration that fails after
/// it was numbered (a database error, a crash, a lost duplicate race — not a validation error, which answers before)
/// leaves a gap in the town's numbers; the numbers stay unique and increasing. A ledger import numbers its batch
/// inside the batch's transaction (<see cref="ReserveAsync"/>): a failed batch gives its whole range back.</para>
/// </summary>
public static class CaseNumbers
{
    /// <summary>
    /// The next number of the town, CST year and kind, committed at once on a connection of its own — from a pool of its
    /// own (<see cref="NumberingConnectionString"/>): the callers ask for it inside their unit of work, holding a
    /// connection of the service's pool, and a second one from that same pool could be had only when another request gave
    /// one back; a burst that filled the pool had every request holding one and waiting for another, none going on, until
    /// the pool's timeout (benchmark run 18: 30-second timeouts for ten minutes; ADR 0017). A numbering connection is held
    /// for one round trip and waits for nothing, so the two pools cannot wait on each other.
    /// </summary>
    public static async Task<string> NextAsync(CasesDbContext db, RegionPath place, CaseKind kind, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var prefix = PrefixOf(place);
        var year = ChinaTime.YearOf(receivedAt);
        await using var connection = new NpgsqlConnection(NumberingConnectionString(db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The case database has no connection string.")));
        await connection.OpenAsync(ct);
        // one message, one round trip: begin, increment, commit — the row is locked only while the server runs it, never
        // while this process waits for a thread (a first version sent COMMIT in a second round trip, and at a saturated
        // CPU 3–14 registrations queued on the row behind a transaction whose COMMIT had not been sent yet — the sampler
        // showed the counter's upsert both waiting and blocking). The commit need not wait for its WAL flush: a
        // registration that uses the number commits after it, and its own (synchronous) flush covers this earlier
        // record — after a crash a number can be lost, never handed out twice.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"),
                new NpgsqlBatchCommand("""
                    INSERT INTO case_number_counters (prefix, year, kind, last_value) VALUES ($1, $2, $3, 1)
                    ON CONFLICT (prefix, year, kind) DO UPDATE SET last_value = case_number_counters.last_value + 1
                    RETURNING last_value
                    """) { Parameters = { new() { Value = prefix }, new() { Value = year }, new() { Value = (int)kind } } },
                new NpgsqlBatchCommand("COMMIT"),
            },
        };
        int? last = null;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            do
            {
                if (reader.FieldCount > 0 && await reader.ReadAsync(ct)) last = reader.GetInt32(0);
            }
            while (await reader.NextResultAsync(ct));
        }
        return Format(prefix, year, kind, last ?? throw new InvalidOperationException("The case number counter returned no value."));
    }

    /// <summary>
    /// <paramref name="count"/> consecutive numbers of one town, CST year and kind in one upsert in the caller's transaction
    /// (a ledger import numbers a batch of cases at once): given back when the transaction rolls back.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReserveAsync(CasesDbContext db, RegionPath place, CaseKind kind, int year, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var prefix = PrefixOf(place);
        var last = await db.Database.SqlQuery<int>($"""
            INSERT INTO case_number_counters (prefix, year, kind, last_value) VALUES ({prefix}, {year}, {(int)kind}, {count})
            ON CONFLICT (prefix, year, kind) DO UPDATE SET last_value = case_number_counters.last_value + {count}
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return Enumerable.Range(last[0] - count + 1, count).Select(n => Format(prefix, year, kind, n)).ToList();
    }

    /// <summary>
    /// The service's connection string with "numbers" added to its application name: Npgsql keeps one pool per connection
    /// string, so numbering gets a pool of its own (at most <see cref="NumberingPoolSize"/> connections, and never more than the service's).
    /// </summary>
    public static string NumberingConnectionString(string serviceConnectionString) =>
        NumberingStrings.GetOrAdd(serviceConnectionString, s =>
        {
            var builder = new NpgsqlConnectionStringBuilder(s);
            builder.ApplicationName = string.IsNullOrEmpty(builder.ApplicationName) ? "cases-numbers" : builder.ApplicationName + "-numbers";
            builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, NumberingPoolSize);
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
            return builder.ConnectionString;
        });

    /// <summary>One round trip each: a handful of connections number hundreds of registrations a second.</summary>
    public const int NumberingPoolSize = 10;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> NumberingStrings = new();

    private static string PrefixOf(RegionPath place) => (place.TownCode ?? place.DistrictCode ?? place.Code).ToUpperInvariant();

    private static string Format(string prefix, int year, CaseKind kind, int n) => $"{prefix}-{year}-{(kind == CaseKind.Dispute ? "D" : "P")}-{n:00000}";
}
