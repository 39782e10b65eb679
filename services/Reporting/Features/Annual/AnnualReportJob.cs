using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.Reporting.Features.Rebuild;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// The annual aggregation — one code path for the schedule (Quartz), the API and the command line: compute the
/// figures of a CST year for a region from the projections and store them as a new, immutable snapshot.
/// </summary>
public sealed class AnnualReportJob(ReportingDbContext db, TimeProvider clock, ILogger<AnnualReportJob> logger)
{
    public const string Schedule = "schedule";
    public const string Api = "api";
    public const string Cli = "cli";

    /// <summary>One snapshot for one region (null: every region of the platform).</summary>
    public async Task<AnnualSnapshot> RunAsync(int year, string? regionCode, string trigger, string? idempotencyKey = null,
        CancellationToken ct = default)
    {
        // never a snapshot of half-built projections (a rebuild running or failed): the schedule's run fails and says so
        if (await FiguresGuard.CheckAsync(db, ct) is { } incomplete) throw new FiguresIncompleteException(incomplete);
        RegionNode? region = null;
        if (!string.IsNullOrEmpty(regionCode))
            region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == regionCode, ct)
                ?? throw new UnknownRegionException(regionCode);

        var figures = await FigureQuery.ComputeAsync(db, year, region, ct);
        var codes = figures.Disputes.ByRegion.Keys.ToList();
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var snapshot = new AnnualSnapshot
        {
            Id = Guid.CreateVersion7(),
            Year = year,
            RegionCode = region?.Code,
            RegionName = region?.Name,
            GeneratedAt = clock.GetUtcNow(),
            Trigger = trigger,
            Figures = JsonSerializer.Serialize(figures, SnapshotJson.Options),
            RegionNames = JsonSerializer.Serialize(names, SnapshotJson.Options),
            IdempotencyKey = idempotencyKey,
        };
        db.AnnualSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Annual snapshot {Id} of {Year} for {Region} ({Trigger})", snapshot.Id, year, region?.Code ?? "all regions", trigger);
        return snapshot;
    }

    /// <summary>What the schedule does: one snapshot for every town and every district.</summary>
    public async Task<IReadOnlyList<AnnualSnapshot>> RunForEveryTownAndDistrictAsync(int year, string trigger, CancellationToken ct = default)
    {
        var codes = await db.Regions.AsNoTracking()
            .Where(r => r.Kind == RegionKind.Town || r.Kind == RegionKind.District)
            .OrderBy(r => r.Kind).ThenBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
        var snapshots = new List<AnnualSnapshot>();
        foreach (var code in codes) snapshots.Add(await RunAsync(year, code, trigger, null, ct));
        return snapshots;
    }

    /// <summary>
    /// The schedule's run, once across replicas (every reporting replica's Quartz fires at the same minute, and a
    /// restarted one may fire a misfire late): under a session advisory lock (<see cref="SingleRunner"/>), the replica that gets it second finds
    /// the year's scheduled snapshots made and writes nothing. Returns the snapshots written (empty: done already).
    /// </summary>
    public Task<IReadOnlyList<AnnualSnapshot>> RunScheduledOnceAsync(int year, CancellationToken ct = default) =>
        SingleRunner.RunAsync(db, SingleRunner.AnnualSchedule, async () =>
        {
            if (!await db.AnnualSnapshots.AnyAsync(s => s.Year == year && s.Trigger == Schedule, ct))
                return await RunForEveryTownAndDistrictAsync(year, Schedule, ct);
            logger.LogInformation("Scheduled annual report for {Year}: made already (another replica, or an earlier firing)", year);
            return (IReadOnlyList<AnnualSnapshot>)[];
        }, ct);

    public static FigureSet FiguresOf(AnnualSnapshot s) =>
        JsonSerializer.Deserialize<FigureSet>(s.Figures, SnapshotJson.Options) ?? throw new InvalidOperationException("Empty snapshot.");

    public static Dictionary<string, string> RegionNamesOf(AnnualSnapshot s) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(s.RegionNames, SnapshotJson.Options) ?? [];
}
