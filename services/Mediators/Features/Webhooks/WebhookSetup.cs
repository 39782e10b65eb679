using MediationPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace MediationPlatform.Mediators.Features.Webhooks;

public static class WebhookSetup
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        ProductionGuard.Check(builder, [ProductionGuard.Secret.Named("Webhooks:SecretKey")]);
        var key = builder.Configuration["Webhooks:SecretKey"];
        if (!string.IsNullOrWhiteSpace(key) && !WebhookSecrets.IsKey(key))
            ProductionGuard.Report(builder, ["Webhooks:SecretKey must be base64 of 32 random bytes"]);
        builder.Services.AddSingleton(_ => WebhookSecrets.FromBase64(key));
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
        builder.Services.PostConfigure<WebhookOptions>(o =>
            o.AllowPrivateTargets ??= builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"));
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan; // the Polly pipeline times each attempt
                c.DefaultRequestHeaders.UserAgent.ParseAdd("MediationPlatform-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateTargets == true;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, // a redirect could lead to an internal address
                    UseProxy = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, ct) => WebhookTargets.ConnectAsync(context, allowPrivate, ct),
                };
            });
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}
