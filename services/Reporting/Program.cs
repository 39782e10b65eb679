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
    x.AddConsumer<CaseRegisteredProjection>();
    x.AddConsumer<CaseUpdatedProjection>();
    x.AddConsumer<RegionProjection>();
    x.AddConsumer<MediatorProjection>();
    x.AddConsumer<MediationStartedProjection>();
    x.AddConsumer<CaseResolvedProjection>();
    x.AddConsumer<CaseUnresolvedProjection>();
    x.AddConsumer<CaseWithdrawnProjection>();
    x.AddConsumer<CaseTransferredProjection>();
    x.AddConsumer<PetitionAcceptedProjection>();
    x.AddConsumer<PetitionNotAcceptedProjection>();
    x.AddConsumer<PetitionConcludedProjection>();
    x.AddConsumer<PetitionReviewRequestedProjection>();
    x.AddConsumer<PetitionReviewConcludedProjection>();
});

var app = builder.Build();
app.UseServiceDefaults();

// Route table
app.MapSummaryEndpoints();

await app.MigrateDatabaseAsync<ReportingDbContext>();
app.Run();

public partial class Program;
