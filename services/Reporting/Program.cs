using MassTransit;
using MediationPlatform.BuildingBlocks.Messaging;
using MediationPlatform.BuildingBlocks.Web;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.Reporting.Features.Summary;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("MediationPlatform — reporting service (统计)",
    "Live figures and annual snapshots from projections of case, mediator and referral events. No personal data.");
builder.AddServiceDatabase<ReportingDbContext>("Reporting");
builder.AddMessaging<ReportingDbContext>("reporting", x =>
{
    x.AddConsumers(ProjectionCatalog.All.Select(p => p.Projection).ToArray());
});

var app = builder.Build();
app.UseServiceDefaults();

// Route table
app.MapSummaryEndpoints();

await app.MigrateDatabaseAsync<ReportingDbContext>();
app.Run();

public partial class Program;
