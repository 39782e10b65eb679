using MediationPlatform.Cases;
using MediationPlatform.Cases.Data;
using MediationPlatform.ServiceDefaults.Data;

var command = CasesService.CommandLine.Parse(args);
if (command.Error is not null)
{
    Console.Error.WriteLine(command.Error);
    return 2;
}
var builder = WebApplication.CreateBuilder(command.HostArgs);
builder.AddCasesService();
var app = builder.Build();
app.MapCasesService();
await app.MigrateDatabaseAsync<CasesDbContext>();
return await CasesService.CommandLine.RunAsync(app, command);

public partial class Program;
