using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Hosting;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// <c>dotnet MediationPlatform.Reporting.dll --annual-report --year 2021 [--region muer]</c>: runs the annual job once
/// (for one region, or every town and district), prints where the snapshots are and exits — for a Kubernetes CronJob.
/// <c>--year previous</c> means the China Standard Time year before now (what a 1 January run wants).
/// </summary>
public static class AnnualReportCommand
{
    public static readonly CommandLineMode Mode = new("annual-report",
        "run the annual aggregation now for --year (2000–2100, or 'previous') and --region (default: every town and district)",
        ["year", "region"], RunAsync);

    /// <summary>The year an option names: a year 2000–2100, or <c>previous</c> (the CST year before <paramref name="now"/>).</summary>
    public static int? YearOf(string? text, DateTimeOffset now) =>
        text == "previous" ? ChinaTime.YearOf(now) - 1
        : int.TryParse(text, out var y) && y is >= 2000 and <= 2100 ? y : null;

    private static async Task<int> RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextWriter output, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        if (YearOf(options.GetValueOrDefault("year"), clock.GetUtcNow()) is not { } year)
        {
            await output.WriteLineAsync("--year is required: a year between 2000 and 2100, or 'previous' (e.g. --annual-report --year 2021 --region muer)");
            return 2;
        }
        var region = options.GetValueOrDefault("region");
        await using var scope = services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<AnnualReportJob>();
        try
        {
            var snapshots = region is null
                ? await job.RunForEveryTownAndDistrictAsync(year, AnnualReportJob.Cli, ct)
                : [await job.RunAsync(year, region, AnnualReportJob.Cli, null, ct)];
            foreach (var s in snapshots)
                await output.WriteLineAsync(
                    $"snapshot {s.Id}: year {s.Year}, region {s.RegionCode ?? "(all)"} {s.RegionName}, generated {s.GeneratedAt:O} — "
                    + $"stored in the reporting database (table annual_snapshots); GET /api/reports/annual/{s.Year}"
                    + (s.RegionCode is null ? "" : $"?regionCode={s.RegionCode}"));
            if (snapshots.Count == 0) await output.WriteLineAsync($"no towns or districts known: no snapshot for {year}");
            return 0;
        }
        catch (UnknownRegionException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
