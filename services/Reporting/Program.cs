using MediationPlatform.Reporting;
using MediationPlatform.Reporting.Data;
using MediationPlatform.ServiceDefaults.Data;

var command = ReportingService.CommandLine.Parse(args);
if (command.Error is not null)
{
    Console.Error.WriteLine(command.Error);
    return 2;
}
var builder = WebApplication.CreateBuilder(command.HostArgs);
builder.AddReportingService();
var app = builder.Build();
app.MapReportingService();
await app.MigrateDatabaseAsync<ReportingDbContext>();
return await ReportingService.CommandLine.RunAsync(app, command);

public partial class Program;
