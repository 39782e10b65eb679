using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Messaging.DeadLetters;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Annual;
using MediationPlatform.Reporting.Features.Audit;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.Reporting.Features.Rebuild;
using MediationPlatform.Reporting.Features.Statistics;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Hosting;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Reporting;

/// <summary>The reporting service's wiring (<see cref="AddReportingService"/>), its route table (<see cref="MapReportingService"/>) and its command-line modes.</summary>
public static class ReportingService
{
    public static readonly CommandLineModes CommandLine = new(
        AnnualReportCommand.Mode,
        new CommandLineMode("recount-figures", "recompute the case counters from the fact rows (after a repair by SQL), then exit", [],
            async (services, _, output, ct) =>
            {
                await using var scope = services.CreateAsyncScope();
                var facts = await CaseCounters.RecountAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), ct);
                await output.WriteLineAsync($"recounted facts={facts}");
                return 0;
            }),
        new CommandLineMode("verify-audit", "check this service's audit chain from its first row; exit 1 when a row was edited, removed or inserted (ADR 0022)", [],
            async (services, _, output, ct) =>
            {
                await using var scope = services.CreateAsyncScope();
                return await AuditTrail.VerifyCommandAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), output, ct);
            }));

    private static readonly System.Reflection.MethodInfo AddBatched =
        typeof(InboxBatchRegistration).GetMethod(nameof(InboxBatchRegistration.AddInboxBatchConsumer))!;

    public static WebApplicationBuilder AddReportingService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("MediationPlatform — reporting service (统计)",
            "Live figures and annual snapshots from projections of case, mediator and referral events. No personal data.");
        builder.AddServiceDatabase<ReportingDbContext>("Reporting");
        builder.AddMessaging<ReportingDbContext>("reporting", x =>
        {
            // the case facts' queues in batches: one lock, one write of the rows and the counters for many events (as the
            // rebuild does a page; ADR 0017), two batches at a time; the others one message at a time
            foreach (var p in ProjectionCatalog.All)
                if (p.Table == "case_facts") AddBatched.MakeGenericMethod(p.Projection, p.Event).Invoke(null, [x, InboxBatchSettings.Two]);
                else x.AddConsumer(p.Projection);
        });
        builder.Services.AddScoped<AnnualReportJob>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditRecorder>();
        builder.Services.AddRebuild(builder.Configuration);
        builder.Services.AddAnnualSchedule(builder.Configuration);
        return builder;
    }

    public static WebApplication MapReportingService(this WebApplication app)
    {
        app.UseServiceDefaults();

        // Route table
        // every endpoint: the request limits its parameters and request types declare (RequestLimits: issue 19)
        var api = app.MapGroup("").WithRequestLimits();
        api.MapSummaryEndpoints();
        api.MapStatisticsEndpoints();
        api.MapAuditTrail(); // GET /api/audit (admin, auditor): exports; the gateway merges
        api.MapAnnualEndpoints();
        api.MapRebuildEndpoints();
        api.MapDeadLetters(); // GET /api/admin/dead-letters (admin): this service's error queues; the gateway joins all three
        return app;
    }
}
