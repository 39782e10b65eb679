using MediationPlatform.Mediators;
using MediationPlatform.Mediators.Data;
using MediationPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddMediatorsService();
var app = builder.Build();
app.MapMediatorsService();
await app.MigrateDatabaseAsync<MediatorsDbContext>();
await app.RunAsync();

public partial class Program;
