using MediationPlatform.BuildingBlocks.Messaging;
using MediationPlatform.BuildingBlocks.Web;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Assignment;
using MediationPlatform.Cases.Features.Deadlines;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Cases.Features.Lifecycle;
using MediationPlatform.Cases.Features.Read;
using MediationPlatform.Cases.Features.Referrals;
using MediationPlatform.Cases.Features.Register;
using MediationPlatform.Cases.PersonalData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("MediationPlatform — case service (案件)",
    "Disputes (矛盾纠纷) and petitions (信访事项): registration, lifecycle, legal deadlines, timeline, personal data protection.");
builder.AddServiceDatabase<CasesDbContext>("Cases");
// The case service keeps every event it published: its outbox doubles as the event log the reporting service replays.
builder.AddMessaging<CasesDbContext>("cases", x =>
{
    x.AddConsumer<RegionRegisteredConsumer>();
    x.AddConsumer<MediatorAssignedConsumer>();
    x.AddConsumer<ReferralAcceptedConsumer>();
    x.AddConsumer<ReferralDeclinedConsumer>();
    x.AddConsumer<ReferralCompletedConsumer>();
}, outbox => outbox.KeepSentAsEventLog = true);
builder.Services.AddSingleton(sp => new PersonalDataProtector(
    builder.Configuration.GetSection("PersonalData").Get<PersonalDataSettings>()
    ?? throw new InvalidOperationException("PersonalData settings are missing.")));

builder.Services.AddHostedService<OverdueCheck>();

var app = builder.Build();
app.UseServiceDefaults();

// Route table
var cases = app.MapGroup("/api/cases").WithTags("Cases (案件)");
cases.MapRegisterCase();
cases.MapReadCases();
cases.MapCaseActions();
cases.MapReferCase();
app.MapPartiesEndpoints();
app.MapEventLog<CasesDbContext>(); // GET /api/event-log (admin): the reporting service's rebuild reads it

await app.MigrateDatabaseAsync<CasesDbContext>();
app.Run();

public partial class Program;
