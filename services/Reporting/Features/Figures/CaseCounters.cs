using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>
/// The case figures of product.md as typed contributions (<see cref="CaseMetric"/>) of one fact row to per-(region, year,
/// counter) rows — the single definition of those figures. The case-fact projections move the counters explicitly,
/// in the same transaction as the facts (<see cref="CaseFactSet.SaveAsync"/>). The live summary and the annual job read the counters (a few hundred rows per
/// town-year, however many cases there are); <see cref="FigureCalculator"/> builds the same figures from fact rows
/// through the same contributions, so the two cannot disagree.
/// </summary>
public static class CaseCounters
{
    /// <summary>
    /// "registered" counts in the year the case was received; resolved, unresolved, withdrawn, transferred, accepted,
    /// concluded… in the year each happened. A fact not (yet) registered — outcome events that arrived before the
    /// registration — counts nowhere.
    /// </summary>
    public static IEnumerable<Contribution> Of(CaseFact f)
    {
        if (!f.Registered) yield break;
        var received = ChinaTime.YearOf(f.ReceivedAt);
        Contribution C(int year, CaseMetric metric, decimal value = 1, string key = "") => new(year, new Counter(metric, key), value);
        if (f.Kind == CaseKind.Dispute)
        {
            var category = SnakeEnum.Name(f.Category);
            yield return C(received, CaseMetric.DisputesRegistered);
            yield return C(received, CaseMetric.DisputesAmountInvolved, f.AmountInvolved ?? 0);
            yield return C(received, CaseMetric.DisputesPeopleInvolved, f.PartyCount);
            yield return C(received, CaseMetric.DisputesBySource, key: SnakeEnum.Name(f.Source));
            yield return C(received, CaseMetric.DisputesByChannel, key: SnakeEnum.Name(f.Channel));
            yield return C(received, CaseMetric.DisputesRegisteredByCategory, key: category);
            yield return C(received, CaseMetric.DisputesRegisteredByMonth, key: MonthFigures.Key(ChinaTime.MonthOf(f.ReceivedAt)));
            if (f.Status is CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating)
                yield return C(received, CaseMetric.DisputesInProgress);
            if (f.ResolvedAt is { } resolvedAt)
            {
                var y = ChinaTime.YearOf(resolvedAt);
                yield return C(y, CaseMetric.DisputesResolved);
                yield return C(y, CaseMetric.DisputesResolvedByCategory, key: category);
                yield return C(y, CaseMetric.DisputesResolvedByMonth, key: MonthFigures.Key(ChinaTime.MonthOf(resolvedAt)));
                if (f.EscalationPrevented) yield return C(y, CaseMetric.DisputesEscalationPrevented);
                if (f.AgreementType is { } agreement) yield return C(y, CaseMetric.DisputesByAgreementType, key: SnakeEnum.Name(agreement));
            }
            if (f.UnresolvedAt is { } unresolvedAt) yield return C(ChinaTime.YearOf(unresolvedAt), CaseMetric.DisputesUnresolved);
            if (f.WithdrawnAt is { } withdrawnAt) yield return C(ChinaTime.YearOf(withdrawnAt), CaseMetric.DisputesWithdrawn);
            if (f.TransferredAt is { } transferredAt) yield return C(ChinaTime.YearOf(transferredAt), CaseMetric.DisputesTransferred);
            foreach (var s in StatisticsCounters.Of(f)) yield return C(s.Year, CaseMetric.Statistics, s.Value, s.Key);
            if (f.IntakeAgency is { } agency)
            {
                var a = SnakeEnum.Name(agency);
                yield return C(received, CaseMetric.IntakeReceived, key: a);
                if (f.Status is CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating) yield return C(received, CaseMetric.IntakeOpen, key: a);
                if (f.ResolvedAt is { } r) yield return C(ChinaTime.YearOf(r), CaseMetric.IntakeResolved, key: a);
                if (f.UnresolvedAt is { } u) yield return C(ChinaTime.YearOf(u), CaseMetric.IntakeUnresolved, key: a);
                if (f.WithdrawnAt is { } w) yield return C(ChinaTime.YearOf(w), CaseMetric.IntakeWithdrawn, key: a);
                if (f.TransferredAt is { } t) yield return C(ChinaTime.YearOf(t), CaseMetric.IntakeReturned, key: a);
            }
        }
        else
        {
            yield return C(received, CaseMetric.PetitionsRegistered);
            if (f.PetitionType is { } type) yield return C(received, CaseMetric.PetitionsByType, key: SnakeEnum.Name(type));
            if (f.AcceptedAt is { } acceptedAt) yield return C(ChinaTime.YearOf(acceptedAt), CaseMetric.PetitionsAccepted);
            if (f.NotAcceptedAt is { } notAcceptedAt) yield return C(ChinaTime.YearOf(notAcceptedAt), CaseMetric.PetitionsNotAccepted);
            if (f.TransferredAt is { } transferredAt) yield return C(ChinaTime.YearOf(transferredAt), CaseMetric.PetitionsTransferred);
            if (f.ConcludedAt is { } concludedAt)
            {
                var y = ChinaTime.YearOf(concludedAt);
                yield return C(y, CaseMetric.PetitionsConcluded);
                if (f.ConcludedOnTime) yield return C(y, CaseMetric.PetitionsConcludedOnTime);
                if (f.Opinion is { } opinion) yield return C(y, CaseMetric.PetitionsByOpinion, key: SnakeEnum.Name(opinion));
            }
            if (f.ReviewRequestedAt is { } reviewAt) yield return C(ChinaTime.YearOf(reviewAt), CaseMetric.PetitionsReviewsRequested);
            if (f.SecondReviewRequestedAt is { } secondAt) yield return C(ChinaTime.YearOf(secondAt), CaseMetric.PetitionsReviewsRequested);
            if (f.RepeatOf) yield return C(received, CaseMetric.PetitionsRepeat);
        }
    }

    /// <summary>Adds (sign +1) or removes (sign −1) a fact's contributions.</summary>
    public static void Add(Dictionary<CounterKey, decimal> deltas, CaseFact fact, int sign)
    {
        foreach (var c in Of(fact))
        {
            var key = new CounterKey(fact.RegionCode, fact.TownCode, fact.DistrictCode, c.Year, c.Counter);
            deltas[key] = deltas.GetValueOrDefault(key) + sign * c.Value;
        }
    }

    /// <summary>
    /// Applies counter changes in one statement, keys in a fixed order (so two transactions touching the same counters
    /// lock them in the same order and cannot deadlock). Runs inside the caller's transaction.
    /// </summary>
    public static Task ApplyAsync(ReportingDbContext db, IReadOnlyDictionary<CounterKey, decimal> deltas, CancellationToken ct)
    {
        var rows = deltas.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key.RegionCode, StringComparer.Ordinal).ThenBy(kv => kv.Key.Year)
            .ThenBy(kv => kv.Key.Counter.Metric).ThenBy(kv => kv.Key.Counter.Key, StringComparer.Ordinal).ToList();
        if (rows.Count == 0) return Task.CompletedTask;
        return db.Database.ExecuteSqlRawAsync("""
            INSERT INTO case_counters (region_code, town_code, district_code, year, metric, key, value)
            SELECT * FROM unnest(@regions, @towns, @districts, @years, @metrics, @keys, @values)
            ON CONFLICT (region_code, year, metric, key) DO UPDATE SET value = case_counters.value + EXCLUDED.value
            """,
            [
                new NpgsqlParameter("regions", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.RegionCode).ToArray() },
                new NpgsqlParameter("towns", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.TownCode).ToArray() },
                new NpgsqlParameter("districts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.DistrictCode).ToArray() },
                new NpgsqlParameter("years", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.Key.Year).ToArray() },
                new NpgsqlParameter("metrics", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Counter.Metric.ToString()).ToArray() },
                new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Counter.Key).ToArray() },
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
