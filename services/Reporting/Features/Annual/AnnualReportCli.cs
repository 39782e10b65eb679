namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// <c>dotnet MediationPlatform.Reporting.dll --annual-report --year 2021 [--region muer]</c>: runs the annual job once
/// (for one region, or every town and district), prints where the snapshots are and exits — for a Kubernetes CronJob.
/// <c>--year previous</c> means the China Standard Time year before now (what a 1 January run wants).
/// </summary>
public sealed record AnnualReportCli(int Year, string? Region)
{
    /// <summary>Null when the arguments do not ask for the annual report; otherwise the command and the remaining arguments.</summary>
    public static (AnnualReportCli? Command, string[] Remaining, string? Error) Parse(string[] args)
    {
        if (!args.Contains("--annual-report")) return (null, args, null);
        int? year = null;
        string? region = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--annual-report": break;
                case "--year" when i + 1 < args.Length:
                    var text = args[++i];
                    if (text == "previous") year = AnnualSchedule.YearToReport(DateTimeOffset.UtcNow); // the CST year just ended
                    else if (int.TryParse(text, out var y) && y is >= 2000 and <= 2100) year = y;
                    else return (null, args, "--year must be a year between 2000 and 2100, or 'previous'");
                    break;
                case "--region" when i + 1 < args.Length:
                    region = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (year is null) return (null, args, "--year is required, e.g. --annual-report --year 2021 --region muer");
        return (new AnnualReportCli(year.Value, region), rest.ToArray(), null);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<AnnualReportJob>();
        try
        {
            var snapshots = Region is null
                ? await job.RunForEveryTownAndDistrictAsync(Year, AnnualReportJob.Cli, ct)
                : [await job.RunAsync(Year, Region, AnnualReportJob.Cli, null, ct)];
            foreach (var s in snapshots)
                await output.WriteLineAsync(
                    $"snapshot {s.Id}: year {s.Year}, region {s.RegionCode ?? "(all)"} {s.RegionName}, generated {s.GeneratedAt:O} — "
                    + $"stored in the reporting database (table annual_snapshots); GET /api/reports/annual/{s.Year}"
                    + (s.RegionCode is null ? "" : $"?regionCode={s.RegionCode}"));
            if (snapshots.Count == 0) await output.WriteLineAsync($"no towns or districts known: no snapshot for {Year}");
            return 0;
        }
        catch (UnknownRegionException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
