using System.Globalization;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.Reporting.Features.Statistics;

/// <summary>
/// The columns of the statistics form for one cell set (a region and a category, or a total). <c>SuccessRate</c> is
/// resolved ÷ (resolved + unresolved), as the annual figure (null when neither). Amounts in yuan.
/// </summary>
public sealed record StatisticsColumns(
    int Registered, int Resolved, int Unresolved, decimal? SuccessRate, decimal AmountAgreed,
    int OralAgreements, int WrittenAgreements, int Performed, int JudicialConfirmationApplied, int JudicialConfirmed, int Parties,
    int SourceScreening, int SourceApplication, int SourceEntrusted,
    int PreventedCriminalCaseCases, int PreventedCriminalCasePersons, int PreventedGroupPetitionCases, int PreventedGroupPetitionPersons,
    int PreventedGroupFightCases, int PreventedGroupFightPersons, int PreventedSuicideCases, int PreventedSuicidePersons)
{
    public static StatisticsColumns From(IReadOnlyDictionary<string, decimal> v)
    {
        int N(string column) => (int)v.GetValueOrDefault(column);
        int Cases(PreventedKind k) => N(StatisticsCounters.PreventedCases(k));
        int Persons(PreventedKind k) => N(StatisticsCounters.PreventedPersons(k));
        var resolved = N(StatisticsCounters.Resolved);
        var unresolved = N(StatisticsCounters.Unresolved);
        return new StatisticsColumns(
            N(StatisticsCounters.Registered), resolved, unresolved,
            resolved + unresolved == 0 ? null : Math.Round((decimal)resolved / (resolved + unresolved), 4),
            v.GetValueOrDefault(StatisticsCounters.AmountAgreed),
            N(StatisticsCounters.Oral), N(StatisticsCounters.Written), N(StatisticsCounters.Performed),
            N(StatisticsCounters.JudicialConfirmationApplied), N(StatisticsCounters.JudicialConfirmed), N(StatisticsCounters.Parties),
            N(StatisticsCounters.SourceScreening), N(StatisticsCounters.SourceApplication), N(StatisticsCounters.SourceEntrusted),
            Cases(PreventedKind.CriminalCase), Persons(PreventedKind.CriminalCase), Cases(PreventedKind.GroupPetition), Persons(PreventedKind.GroupPetition),
            Cases(PreventedKind.GroupFight), Persons(PreventedKind.GroupFight), Cases(PreventedKind.Suicide), Persons(PreventedKind.Suicide));
    }
}

/// <summary>A region's (or the total's) columns in total and per dispute category (every category, zeros included).</summary>
public sealed record StatisticsCells(StatisticsColumns Total, IReadOnlyDictionary<string, StatisticsColumns> ByCategory);

/// <summary>One village or town of the form.</summary>
public sealed record StatisticsRow(string RegionCode, string Name, StatisticsCells Columns);

public sealed record StatisticsTotal(StatisticsCells Columns);

public sealed record StatisticsPeriod(string From, string To);

/// <summary>The statistics form for a period and a town (a row per village) or a district (a row per town), with totals.</summary>
public sealed record StatisticsReport(StatisticsPeriod Period, string RegionCode, string RegionName, IReadOnlyList<StatisticsRow> Rows, StatisticsTotal Total);

/// <summary>
/// Reads the form from the monthly <see cref="CaseMetric.Statistics"/> counters: one grouped SQL statement over the
/// months of the period (a few hundred to a few thousand counter rows for a district-year, however many cases),
/// then fills every row and category.
/// </summary>
public static class StatisticsQuery
{
    private sealed record Cell(string RowCode, string Category, string Column, decimal Value);

    public static async Task<StatisticsReport> ComputeAsync(ReportingDbContext db, RegionNode region, DateOnly from, DateOnly to, CancellationToken ct)
    {
        // rows: a district's towns, a town's villages and communities (and the town itself when cases sit at town level)
        var district = region.Kind == RegionKind.District;
        var children = await db.Regions.AsNoTracking()
            .Where(r => district ? r.DistrictCode == region.Code && r.Kind == RegionKind.Town
                : region.Kind == RegionKind.Town ? r.TownCode == region.Code && (r.Kind == RegionKind.Village || r.Kind == RegionKind.Community)
                : r.Code == region.Code)
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);

        int fromKey = from.Year * 100 + from.Month, toKey = to.Year * 100 + to.Month;
        var cells = new List<Cell>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            // the column of the region's level, so the (district_code, year) / (town_code, year) index serves the read
            var scope = region.Kind switch { RegionKind.District => "district_code", RegionKind.Town => "town_code", _ => "region_code" };
            // whole years by the index, grouped by key (a hash aggregate: the estimates are right without expressions in
            // the filter), the months of the period picked here from the key's MM
            await using var command = new NpgsqlCommand($"""
                SELECT CASE WHEN @district THEN coalesce(town_code, region_code) ELSE region_code END, year, key, sum(value)
                FROM case_counters
                WHERE metric = @metric AND year BETWEEN @fromYear AND @lastYear AND {scope} = @code
                GROUP BY 1, 2, 3
                """, connection);
            command.Parameters.AddWithValue("district", district);
            command.Parameters.AddWithValue("metric", nameof(CaseMetric.Statistics));
            command.Parameters.AddWithValue("fromYear", from.Year);
            command.Parameters.AddWithValue("lastYear", to.AddMonths(-1).Year);
            command.Parameters.AddWithValue("code", region.Code);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = reader.GetString(2).Split('|');
                var month = reader.GetInt32(1) * 100 + int.Parse(key[0], CultureInfo.InvariantCulture);
                if (month >= fromKey && month < toKey) cells.Add(new Cell(reader.GetString(0), key[1], key[2], reader.GetDecimal(3)));
            }
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }

        var rowCodes = children.Select(c => c.Code).ToList();
        if (region.Kind == RegionKind.Town && cells.Any(c => c.RowCode == region.Code)) rowCodes.Insert(0, region.Code); // 镇本级
        var names = children.ToDictionary(c => c.Code, c => c.Name);
        names.TryAdd(region.Code, region.Kind == RegionKind.Town ? $"{region.Name}（本级）" : region.Name);
        // a row code the directory does not list (a case placed before its village was registered) still counts, by code
        foreach (var extra in cells.Select(c => c.RowCode).Distinct().Where(c => !rowCodes.Contains(c)).Order(StringComparer.Ordinal))
            rowCodes.Add(extra);

        var rows = rowCodes.Select(rc => new StatisticsRow(rc, names.GetValueOrDefault(rc, rc), CellsOf(cells.Where(c => c.RowCode == rc)))).ToList();
        return new StatisticsReport(new StatisticsPeriod(Text(from), Text(to)), region.Code, region.Name, rows, new StatisticsTotal(CellsOf(cells)));
    }

    private static StatisticsCells CellsOf(IEnumerable<Cell> cells)
    {
        var list = cells.ToList();
        Dictionary<string, decimal> Sum(IEnumerable<Cell> of) => of.GroupBy(c => c.Column).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        return new StatisticsCells(StatisticsColumns.From(Sum(list)),
            Enum.GetValues<DisputeCategory>().Select(SnakeEnum.Name).ToDictionary(k => k, k => StatisticsColumns.From(Sum(list.Where(c => c.Category == k)))));
    }

    public static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
