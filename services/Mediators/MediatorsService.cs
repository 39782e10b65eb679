using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.Assignments;
using MediationPlatform.Mediators.Features.Mediators;
using MediationPlatform.Mediators.Features.Organizations;
using MediationPlatform.Mediators.Features.Referrals;
using MediationPlatform.Mediators.Features.Regions;
using MediationPlatform.Mediators.Features.Sessions;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.Messaging;
using MediationPlatform.Messaging.DeadLetters;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Mediators;

/// <summary>The mediator service's wiring (<see cref="AddMediatorsService"/>) and its route table (<see cref="MapMediatorsService"/>).</summary>
public static class MediatorsService
{
    public static WebApplicationBuilder AddMediatorsService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("MediationPlatform — mediator service (调解员与机构)",
            "Directory of regions, organisations and mediators; automatic assignment of disputes; sessions; the liaisons' referral inbox; webhooks to agency systems.");
        builder.AddServiceDatabase<MediatorsDbContext>("Mediators");
        builder.AddMessaging<MediatorsDbContext>("mediators", x =>
        {
            // Automatic assignment reads and bumps the workload of a handful of mediators: one unit of work at a time, in
            // delivery order, so a burst of registrations (a back-filled paper ledger) does not turn into capacity races that
            // exhaust the retry policy and park a dispute unassigned — and in batches (one claim, save and commit for up to
            // 32 new cases), so one town's assignments keep up with its registrations (ADR 0017).
            x.AddInboxBatchConsumer<CaseRegisteredConsumer, CaseRegistered>();
            x.AddConsumer<CaseReferredConsumer>();
            x.AddConsumer<CaseResolvedConsumer>();
            x.AddConsumer<CaseUnresolvedConsumer>();
            x.AddConsumer<CaseWithdrawnConsumer>();
            x.AddConsumer<CaseTransferredConsumer>();
            x.AddConsumer<CaseOverdueConsumer>();
            x.AddConsumer<IntakeChangedConsumer>();
        }, outbox => outbox.KeepSentAsEventLog = true); // the sent rows are the event log the reporting rebuild replays
        // no dispute waits silently: the capacity queue assigns waiting disputes as soon as someone has room (api.md, Intake)
        builder.Services.AddSingleton<CapacityQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CapacityQueue>());
        builder.Services.AddSingleton<SaturationLog>();
        IdempotencyOptions.AddIdempotency(builder);
        builder.AddWebhooks();
        return builder;
    }

    public static WebApplication MapMediatorsService(this WebApplication app)
    {
        app.UseServiceDefaults();

        // Route table
        // every endpoint: the request limits its parameters and request types declare (RequestLimits: issue 19)
        var api = app.MapGroup("").WithRequestLimits();
        api.MapRegionEndpoints();
        api.MapOrganizationEndpoints();
        api.MapMediatorEndpoints();
        api.MapAssignmentEndpoints();
        api.MapReferralEndpoints();
        api.MapSessionEndpoints();
        api.MapDeliveryEndpoints();
        api.MapEventLog<MediatorsDbContext>(); // GET /api/event-log (admin): the reporting service's rebuild reads it
        api.MapDeadLetters(); // GET /api/admin/dead-letters (admin): this service's error queues; the gateway joins all three
        return app;
    }
}
