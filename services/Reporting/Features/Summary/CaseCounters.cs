using MediationPlatform.ServiceDefaults.Web;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;
using NpgsqlTypes;

namespace MediationPlatform.Reporting.Features.Summary;

/// <summary>What one case fact adds to one counter: the figure it counts towards, in the CST year it counts in.</summary>
public readonly record struct Contribution(int Year, string Metric, decimal Value);

/// <summary>A counter row's key: the case's own region (with its town and district, for roll-ups), year and metric.</summary>
public readonly record struct CounterKey(string RegionCode, string? TownCode, string? DistrictCode, int Year, string Metric);

/// <summary>
/// The case figures of product.md as contributions of one fact row to per-(region, year, metric) counters — the single
/// definition of those figures. The live summary and the annual job read the counters (a few hundred rows per
/// town-year, however many cases there are); <see cref="FigureCalculator"/> builds the same figures from fact rows
/// through the same contributions, so the two cannot disagree.
/// </summary>
public static class CaseCounters
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public static int CstYear(DateTimeOffset at) => at.ToOffset(Cst).Year;

    /// <summary>
    /// "registered" counts in the year the case was received; resolved, unresolved, withdrawn, transferred, accepted,
    /// concluded… in the year each happened. A fact not (yet) registered — outcome events that arrived before the
    /// registration — counts nowhere.
    /// </summary>
    public static IEnumerable<Contribution> Of(CaseFact f)
    {
        if (!f.Registered) yield break;
        var received = CstYear(f.ReceivedAt);
        if (f.Kind == CaseKind.Dispute)
        {
            var category = SnakeEnum.Name(f.Category);
            yield return new(received, "d.registered", 1);
            yield return new(received, "d.amount", f.AmountInvolved ?? 0);
            yield return new(received, "d.people", f.PartyCount);
            yield return new(received, "d.source." + SnakeEnum.Name(f.Source), 1);
            yield return new(received, "d.channel." + SnakeEnum.Name(f.Channel), 1);
            yield return new(received, "d.category." + category + ".registered", 1);
            if (f.Status is CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating)
                yield return new(received, "d.inProgress", 1);
            if (f.ResolvedAt is { } resolvedAt)
            {
                var y = CstYear(resolvedAt);
                yield return new(y, "d.resolved", 1);
                yield return new(y, "d.category." + category + ".resolved", 1);
                if (f.EscalationPrevented) yield return new(y, "d.escalationPrevented", 1);
                if (f.AgreementType is { } agreement) yield return new(y, "d.agreement." + SnakeEnum.Name(agreement), 1);
            }
            if (f.UnresolvedAt is { } unresolvedAt) yield return new(CstYear(unresolvedAt), "d.unresolved", 1);
            if (f.WithdrawnAt is { } withdrawnAt) yield return new(CstYear(withdrawnAt), "d.withdrawn", 1);
            if (f.TransferredAt is { } transferredAt) yield return new(CstYear(transferredAt), "d.transferred", 1);
        }
        else
        {
            yield return new(received, "p.registered", 1);
            if (f.PetitionType is { } type) yield return new(received, "p.type." + SnakeEnum.Name(type), 1);
            if (f.AcceptedAt is { } acceptedAt) yield return new(CstYear(acceptedAt), "p.accepted", 1);
            if (f.NotAcceptedAt is { } notAcceptedAt) yield return new(CstYear(notAcceptedAt), "p.notAccepted", 1);
            if (f.TransferredAt is { } transferredAt) yield return new(CstYear(transferredAt), "p.transferred", 1);
            if (f.ConcludedAt is { } concludedAt)
            {
                var y = CstYear(concludedAt);
                yield return new(y, "p.concluded", 1);
                if (f.ConcludedOnTime) yield return new(y, "p.concludedOnTime", 1);
                if (f.Opinion is { } opinion) yield return new(y, "p.opinion." + SnakeEnum.Name(opinion), 1);
            }
            if (f.ReviewRequestedAt is { } reviewAt) yield return new(CstYear(reviewAt), "p.reviews", 1);
            if (f.SecondReviewRequestedAt is { } secondAt) yield return new(CstYear(secondAt), "p.reviews", 1);
        }
    }

    /// <summary>Adds (sign +1) or removes (sign −1) a fact's contributions.</summary>
    public static void Add(Dictionary<CounterKey, decimal> deltas, CaseFact fact, int sign)
    {
        foreach (var c in Of(fact))
        {
            var key = new CounterKey(fact.RegionCode, fact.TownCode, fact.DistrictCode, c.Year, c.Metric);
            deltas[key] = deltas.GetValueOrDefault(key) + sign * c.Value;
        }
    }

    /// <summary>
    /// The counter changes of the case facts a <c>SaveChanges</c> is about to write: for each added, modified or deleted
    /// fact, its contributions before (from EF's original values) are taken away and those after are added.
    /// </summary>
    public static Dictionary<CounterKey, decimal> PendingDeltas(ChangeTracker tracker)
    {
        var deltas = new Dictionary<CounterKey, decimal>();
        foreach (var entry in tracker.Entries<CaseFact>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                Add(deltas, (CaseFact)entry.OriginalValues.ToObject(), -1);
            if (entry.State is EntityState.Added or EntityState.Modified)
                Add(deltas, entry.Entity, +1);
        }
        foreach (var zero in deltas.Where(kv => kv.Value == 0).Select(kv => kv.Key).ToList()) deltas.Remove(zero);
        return deltas;
    }

    /// <summary>
    /// Applies counter changes in one statement, keys in a fixed order (so two transactions touching the same counters
    /// lock them in the same order and cannot deadlock). Runs inside the caller's transaction.
    /// </summary>
    public static Task ApplyAsync(ReportingDbContext db, IReadOnlyDictionary<CounterKey, decimal> deltas, CancellationToken ct)
    {
        var rows = deltas.OrderBy(kv => kv.Key.RegionCode, StringComparer.Ordinal).ThenBy(kv => kv.Key.Year)
            .ThenBy(kv => kv.Key.Metric, StringComparer.Ordinal).ToList();
        return db.Database.ExecuteSqlRawAsync("""
            INSERT INTO case_counters (region_code, town_code, district_code, year, metric, value)
            SELECT * FROM unnest(@regions, @towns, @districts, @years, @metrics, @values)
            ON CONFLICT (region_code, year, metric) DO UPDATE SET value = case_counters.value + EXCLUDED.value
            """,
            [
                new NpgsqlParameter("regions", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.RegionCode).ToArray() },
                new NpgsqlParameter("towns", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.TownCode).ToArray() },
                new NpgsqlParameter("districts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.DistrictCode).ToArray() },
                new NpgsqlParameter("years", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.Key.Year).ToArray() },
                new NpgsqlParameter("metrics", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Metric).ToArray() },
                new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = rows.Select(r => r.Value).ToArray() },
            ], ct);
    }

    /// <summary>
    /// Recomputes every counter from the fact rows (`--recount-figures`): for facts written around the projections —
    /// an operator's SQL repair, or the benchmark's generated year. The rebuild does not need it.
    /// </summary>
    public static async Task<int> RecountAsync(ReportingDbContext db, CancellationToken ct)
    {
        var deltas = new Dictionary<CounterKey, decimal>();
        var facts = 0;
        await foreach (var fact in db.CaseFacts.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            Add(deltas, fact, +1);
            facts++;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("TRUNCATE case_counters", ct);
            foreach (var chunk in deltas.Where(kv => kv.Value != 0).Chunk(50_000))
                await ApplyAsync(db, chunk.ToDictionary(), ct);
            await tx.CommitAsync(ct);
        });
        return facts;
    }
}
