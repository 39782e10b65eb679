using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Assignment;
using MediationPlatform.Cases.Features.Audit;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Deadlines;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Cases.Features.Documents;
using MediationPlatform.Cases.Features.Imports;
using MediationPlatform.Cases.Features.Intake;
using MediationPlatform.Cases.Features.Lifecycle;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Cases.Features.Read;
using MediationPlatform.Cases.Features.Referrals;
using MediationPlatform.Cases.Features.Register;
using MediationPlatform.Cases.Features.RepeatMatters;
using MediationPlatform.Cases.Features.RiskRegisters;
using MediationPlatform.Cases.Features.Sessions;
using MediationPlatform.Cases.Features.Supervision;
using MediationPlatform.Cases.Features.Timeline;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.Messaging.DeadLetters;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Hosting;
using MediationPlatform.ServiceDefaults.Security;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Cases;

/// <summary>The case service's wiring (<see cref="AddCasesService"/>), its route table (<see cref="MapCasesService"/>) and its command-line modes.</summary>
public static class CasesService
{
    public static readonly CommandLineModes CommandLine = new(
        new CommandLineMode("reencrypt-pii", "re-encrypt parties' ID numbers and phones with PersonalData:CurrentKeyId, then exit (ADR 0006)", [],
            async (services, _, output, ct) =>
            {
                var result = await services.GetRequiredService<PiiReencryption>().RunAsync(ct);
                await output.WriteLineAsync($"reencrypted={result.Reencrypted} batches={result.Batches} finished={result.Finished.ToString().ToLowerInvariant()} documents={result.Documents}");
                return 0;
            }),
        new CommandLineMode("retention", "remove the personal data whose retention has passed (ADR 0024), then exit; --dry-run true lists what would change", ["dry-run"],
            async (services, options, output, ct) =>
            {
                using var scope = services.CreateScope();
                var result = await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(options.TryGetValue("dry-run", out var dry) && dry != "false", "system:retention", ct);
                await output.WriteLineAsync($"retention: dryRun={result.DryRun.ToString().ToLowerInvariant()} cases={result.Cases} parties={result.Parties} issuedDocuments={result.IssuedDocuments}");
                foreach (var i in result.Items) await output.WriteLineAsync($"  {i.Number} ended {i.EndedAt:yyyy-MM-dd}, kept {i.RetentionYears} years");
                return 0;
            }),
        new CommandLineMode("verify-audit", "check this service's audit chain from its first row; exit 1 when a row was edited, removed or inserted (ADR 0022)", [],
            async (services, _, output, ct) =>
            {
                using var scope = services.CreateScope();
                return await AuditTrail.VerifyCommandAsync(scope.ServiceProvider.GetRequiredService<CasesDbContext>(), output, ct);
            }));

    public static WebApplicationBuilder AddCasesService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("MediationPlatform — case service (案件)",
            "Disputes (矛盾纠纷) and petitions (信访事项): registration, lifecycle, legal deadlines, supervision, timeline, personal data protection.");
        builder.AddServiceDatabase<CasesDbContext>("Cases");
        // The case service keeps every event it published: its outbox doubles as the event log the reporting service replays.
        builder.AddMessaging<CasesDbContext>("cases", x =>
        {
            x.AddConsumer<RegionRegisteredConsumer>();
            x.AddConsumer<MediatorRegisteredConsumer>();
            x.AddConsumer<OrganizationRegisteredConsumer>();
            // a town's new disputes each bring one of these: taken in batches, one claim, save and commit for many (ADR 0017);
            // two batches at a time, so a message waiting out its retries holds up half of the queue, not all of it
            x.AddInboxBatchConsumer<MediatorAssignedConsumer, MediatorAssigned>(InboxBatchSettings.Two);
            x.AddInboxBatchConsumer<AssignmentAwaitedConsumer, AssignmentAwaited>(InboxBatchSettings.Two);
            x.AddConsumer<MediationEndedConsumer>();
            x.AddConsumer<ReferralRoutedConsumer>();
            x.AddConsumer<ReferralAcceptedConsumer>();
            x.AddConsumer<ReferralDeclinedConsumer>();
            x.AddConsumer<ReferralCompletedConsumer>();
            x.AddConsumer<SessionHeldConsumer>();
            x.AddConsumer<SessionScheduledConsumer>();
            x.AddConsumer<SessionRescheduledConsumer>();
            x.AddConsumer<SessionCancelledConsumer>();
        }, outbox => outbox.KeepSentAsEventLog = true);

        IdempotencyOptions.AddIdempotency(builder);
        // the keys of citizens' ID numbers and phones: never committed outside Development (ADR 0015)
        ProductionGuard.Check(builder,
            [ProductionGuard.Secret.Section("PersonalData:EncryptionKeys"), ProductionGuard.Secret.Section("PersonalData:HashKeys")]);
        builder.Services.AddSingleton(builder.Configuration.GetSection("PersonalData").Get<PersonalDataSettings>()
            ?? new PersonalDataSettings()); // without keys: refused above in Production, by the protector elsewhere
        builder.Services.AddSingleton(sp => new PersonalDataProtector(sp.GetRequiredService<PersonalDataSettings>()));
        builder.Services.AddSingleton<PartyFactory>();
        builder.Services.AddScoped<IdNumberSearch>();
        builder.Services.AddSingleton<PiiReencryption>();
        builder.Services.AddSingleton(sp => HolidayCalendar.Load(builder.Configuration, builder.Environment,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<WorkingDayCalendar>()));
        builder.Services.AddSingleton<LegalClock>();
        builder.Services.AddScoped<CaseStore>();
        builder.Services.AddSingleton<DeadlineMetrics>();
        builder.Services.AddHostedService<OverdueCheck>();
        builder.Services.AddScoped<DuplicateFinder>();
        builder.Services.AddSingleton<LedgerCaseBuilder>();
        builder.Services.AddSingleton<LedgerValidator>();
        builder.Services.AddSingleton<LedgerPayloadCache>();
        builder.Services.AddSingleton<LedgerImportSignal>();
        builder.Services.AddScoped<LedgerImportCheck>();
        builder.Services.AddScoped<LedgerImportRunner>();
        builder.Services.AddHostedService<LedgerImportWorker>();
        builder.Services.AddScoped<DossierBuilder>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditRecorder>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Retention").Get<RetentionSettings>() ?? new RetentionSettings());
        builder.Services.AddScoped<Retention>();
        builder.Services.AddHostedService<RetentionWorker>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Documents").Get<PdfSettings>() ?? new PdfSettings());
        builder.Services.AddSingleton<PdfPrinter>();
        return builder;
    }

    public static WebApplication MapCasesService(this WebApplication app)
    {
        app.UseServiceDefaults();

        // Route table
        // every endpoint: the request limits its parameters and request types declare (RequestLimits: issue 19)
        var api = app.MapGroup("").WithRequestLimits();
        var cases = api.MapGroup("/api/cases").WithTags("Cases (案件)");
        cases.MapRegisterCase();
        cases.MapListCases();
        cases.MapSupervision();
        cases.MapGetCase();
        cases.MapTimeline();
        cases.MapParties();
        cases.MapCaseActions();
        cases.MapCorrectCase();
        cases.MapReferCase();
        cases.MapReferralParties();
        cases.MapRepeatMatters();
        cases.MapToMediation();
        cases.MapDocuments();
        api.MapIntake();
        api.MapAccessLog();
        api.MapRiskRegisters();
        api.MapImports();
        api.MapEventLog<CasesDbContext>(); // GET /api/event-log (admin): the reporting service's rebuild reads it
        api.MapDeadLetters(); // GET /api/admin/dead-letters (admin): this service's error queues; the gateway joins all three
        api.MapAuditTrail();
        api.MapRetention(); // POST /api/admin/retention (admin): the retention job now, or its dry run // GET /api/audit (admin, auditor): this service's chain; the gateway merges
        return app;
    }
}
