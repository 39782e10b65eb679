using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Web;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Assignment;
using MediationPlatform.Cases.Features.Deadlines;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Cases.Features.Lifecycle;
using MediationPlatform.Cases.Features.Read;
using MediationPlatform.Cases.Features.Referrals;
using MediationPlatform.Cases.Features.Register;
using MediationPlatform.Cases.Features.RiskRegisters;
using MediationPlatform.Cases.PersonalData;

// `--reencrypt-pii`: re-encrypt parties' personal data with the current key, then exit (see PiiReencryption, ADR 0006)
var reencryptPii = args.Contains("--reencrypt-pii");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--reencrypt-pii").ToArray());
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
builder.Services.AddSingleton(builder.Configuration.GetSection("PersonalData").Get<PersonalDataSettings>()
    ?? throw new InvalidOperationException("PersonalData settings are missing."));
builder.Services.AddSingleton(sp => new PersonalDataProtector(sp.GetRequiredService<PersonalDataSettings>()));
builder.Services.AddSingleton<PiiReencryption>();

builder.Services.AddSingleton(sp =>
{
    // Calendar:HolidaysFile — the holiday notices (放假/调休) as JSON; relative paths are resolved against the app's folder.
    var file = builder.Configuration["Calendar:HolidaysFile"] ?? "Data/Calendar/cn-holidays-2021-2026.json";
    var path = Path.IsPathRooted(file) ? file
        : new[] { Path.Combine(AppContext.BaseDirectory, file), Path.Combine(builder.Environment.ContentRootPath, file) }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException($"Calendar:HolidaysFile '{file}' was not found.");
    var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<WorkingDayCalendar>();
    return WorkingDayCalendar.FromJson(File.ReadAllText(path), year => logger.LogWarning(
        "The working-day calendar has no holiday data for {Year} ({File}); counting weekends only. Add the year's notice to the file.", year, path));
});

builder.Services.AddHostedService<OverdueCheck>();

var app = builder.Build();
app.UseServiceDefaults();

// Route table
var cases = app.MapGroup("/api/cases").WithTags("Cases (案件)");
cases.MapRegisterCase();
cases.MapReadCases();
cases.MapCaseActions();
cases.MapUpdateCase();
cases.MapReferCase();
app.MapPartiesEndpoints();
app.MapRiskRegisters();
app.MapEventLog<CasesDbContext>(); // GET /api/event-log (admin): the reporting service's rebuild reads it

await app.MigrateDatabaseAsync<CasesDbContext>();
if (reencryptPii)
{
    var result = await app.Services.GetRequiredService<PiiReencryption>().RunAsync(CancellationToken.None);
    Console.WriteLine($"reencrypted={result.Reencrypted} batches={result.Batches} finished={result.Finished.ToString().ToLowerInvariant()}");
    return;
}
app.Run();

public partial class Program;
