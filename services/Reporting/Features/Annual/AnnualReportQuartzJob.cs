using Quartz;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>The 1 January run: once across replicas (<see cref="AnnualReportJob.RunScheduledOnceAsync"/>).</summary>
[DisallowConcurrentExecution]
public sealed class AnnualReportQuartzJob(AnnualReportJob job, ILogger<AnnualReportQuartzJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var year = AnnualSchedule.YearToReport(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        var snapshots = await job.RunScheduledOnceAsync(year, cancellationToken);
        logger.LogInformation("Scheduled annual report for {Year}: {Count} snapshots", year, snapshots.Count);
    }
}
