using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Web;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Annual;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.Reporting.Features.Rebuild;
using MediationPlatform.Reporting.Features.Summary;

// `--annual-report --year 2021 [--region muer]` runs the annual job once and exits (Kubernetes CronJob).
var (annualReport, hostArgs, cliError) = AnnualReportCli.Parse(args);
if (cliError is not null)
{
    Console.Error.WriteLine(cliError);
    return 2;
}

// `--recount-figures` recomputes the case counters from the fact rows and exits (after a repair by SQL; the benchmark).
var recountFigures = hostArgs.Contains("--recount-figures");
hostArgs = hostArgs.Where(a => a != "--recount-figures").ToArray();

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddServiceDefaults("MediationPlatform — reporting service (统计)",
    "Live figures and annual snapshots from projections of case, mediator and referral events. No personal data.");
builder.AddServiceDatabase<ReportingDbContext>("Reporting");
builder.AddMessaging<ReportingDbContext>("reporting", x =>
{
    x.AddConsumers(ProjectionCatalog.All.Select(p => p.Projection).ToArray());
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<AnnualReportJob>();
builder.Services.AddRebuild(builder.Configuration);
if (annualReport is null && !recountFigures) builder.Services.AddAnnualSchedule(builder.Configuration);

var app = builder.Build();
app.UseServiceDefaults();

// Route table
app.MapSummaryEndpoints();
app.MapAnnualEndpoints();
app.MapRebuildEndpoints();

await app.MigrateDatabaseAsync<ReportingDbContext>();
if (annualReport is not null) return await annualReport.RunAsync(app.Services, Console.Out);
if (recountFigures)
{
    using var scope = app.Services.CreateScope();
    var facts = await CaseCounters.RecountAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), CancellationToken.None);
    Console.WriteLine($"recounted facts={facts}");
    return 0;
}
app.Run();
return 0;

public partial class Program;
