using MassTransit;
using MediationPlatform.Messaging.DeadLetters;
using MediationPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediationPlatform.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit over RabbitMQ with durable quorum queues (named "{service}-{consumer}"; on a cluster, replicated on its
    /// nodes: RabbitMq:Nodes, ADR 0028), bounded in-memory retry then the <c>_error</c> queue, and the outbox dispatcher
    /// for <typeparamref name="TDbContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator> consumers,
        Action<OutboxOptions>? outbox = null)
        where TDbContext : DbContext
    {
        // each service connects as its own user (deploy/rabbitmq/permissions.tsv); guest is for Development only
        ProductionGuard.Check(builder,
            [ProductionGuard.Secret.Named("RabbitMq:Username"), ProductionGuard.Secret.Named("RabbitMq:Password")]);
        var settings = builder.Configuration.GetSection("RabbitMq").Get<RabbitMqSettings>() ?? new RabbitMqSettings();
        builder.Services.AddSingleton(settings);
        var endpoints = new ReceiveEndpointNames();
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton<DeadLetterQueues>();
        builder.Services.AddSingleton<MessagingMetrics>();
        builder.Services.AddHostedService<DeadLetterMonitor>();
        builder.Services.AddSingleton<MessagingLiveness>();
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<MessagingLiveness>());
        builder.Services.AddHostedService<BusWatchdog>();

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        // Wake the dispatcher when a transaction that wrote outbox rows commits (added to the service's AddDbContext).
        builder.Services.ConfigureDbContext<TDbContext>((sp, o) =>
            o.AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>(), sp.GetRequiredService<OutboxCommitInterceptor>()));
        var outboxSection = builder.Configuration.GetSection("Outbox");
        builder.Services.AddOptions<OutboxOptions>().Bind(outboxSection).Configure(o => outbox?.Invoke(o));
        if (outboxSection.GetValue("RunDispatcher", true)) builder.Services.AddHostedService<OutboxDispatcher<TDbContext>>();

        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // Declare queues and bindings before the service takes requests: a publish before its consumer's
            // queue is bound is lost.
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new InboxEndpointNameFormatter(serviceName));
            // MassTransit 8.4+ reports anonymous usage data to its vendor by default; a township's case system sends nothing out.
            x.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
            consumers(x);
            x.AddConsumeObserver<ConsumerLagObserver>();
            x.AddConfigureEndpointsCallback((name, cfg) =>
            {
                endpoints.Add(name);
                if (cfg is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                    // a batched consumer's endpoint takes a whole batch at once (InboxBatch): never prefetch fewer
                    rabbit.PrefetchCount = (ushort)Math.Max(settings.PrefetchCount, cfg.ConcurrentMessageLimit ?? 0);
                }
                cfg.UseMessageRetry(r => r.Intervals(settings.RetryIntervals()));
            });
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(settings.Host, settings.Port, settings.VirtualHost, h =>
                {
                    h.Username(settings.Username);
                    h.Password(settings.Password);
                    var nodes = settings.ClusterNodes();
                    if (nodes.Length > 0)
                        h.UseCluster(c =>
                        {
                            foreach (var node in nodes) c.Node(node);
                        });
                    if (settings.UseTls)
                        h.UseSsl(s =>
                        {
                            s.ServerName = settings.ServerName ?? settings.Host;
                            s.Protocol = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
                            s.CertificateValidationCallback = BrokerCertificate.Validator(settings.CaCertificatePath);
                        });
                });
                cfg.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
