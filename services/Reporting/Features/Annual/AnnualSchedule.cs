using MediationPlatform.Kernel;
using Quartz;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// Quartz schedule: 1 January, 02:00 China Standard Time (<see cref="ChinaTime.Zone"/>, whatever the machine's zone), for
/// the year that has just ended, for every town and district.
/// </summary>
public static class AnnualSchedule
{
    public static readonly JobKey JobKey = new("annual-report", "reporting");
    public static readonly TriggerKey TriggerKey = new("annual-report-1-january-0200-cst", "reporting");
    public const string Cron = "0 0 2 1 1 ?";

    /// <summary>The year to report for a firing at <paramref name="fireTime"/>: the CST year before it (01-01 02:00 CST is still 31 December in UTC).</summary>
    public static int YearToReport(DateTimeOffset fireTime) => ChinaTime.YearOf(fireTime) - 1;

    public static IServiceCollection AddAnnualSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQuartz(q =>
        {
            q.AddJob<AnnualReportQuartzJob>(j => j.WithIdentity(JobKey).WithDescription("Annual report snapshots (年度统计)"));
            q.AddTrigger(t => t.ForJob(JobKey).WithIdentity(TriggerKey)
                .WithCronSchedule(configuration["Reporting:AnnualCron"] ?? Cron, c => c.InTimeZone(ChinaTime.Zone)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
