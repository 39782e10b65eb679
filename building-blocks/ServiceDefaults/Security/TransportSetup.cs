using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediationPlatform.ServiceDefaults.Security;

/// <summary>Applies <see cref="TransportOptions"/>: forwarded headers from trusted proxies only, HSTS, and the Production checks.</summary>
public static class TransportSetup
{
    public static TransportOptions AddTransport(this IHostApplicationBuilder builder, bool publicEdge)
    {
        var options = builder.Configuration.GetSection("Transport").Get<TransportOptions>() ?? new TransportOptions();
        options.Mode ??= ProductionGuard.Applies(builder.Environment) ? null : TransportOptions.Http;
        if (ProductionGuard.Applies(builder.Environment))
        {
            var allowed = publicEdge ? new[] { TransportOptions.Https, TransportOptions.Proxy }
                : [TransportOptions.Https, TransportOptions.Proxy, TransportOptions.Internal];
            var problems = new List<string>();
            if (options.Mode is null || !allowed.Contains(options.Mode))
                problems.Add($"Transport:Mode must be one of {string.Join(", ", allowed)}" +
                    (publicEdge ? " (the gateway is the public edge: it serves HTTPS itself or sits behind a TLS-terminating proxy)" : ""));
            if (options.Mode == TransportOptions.Https && string.IsNullOrWhiteSpace(builder.Configuration["Kestrel:Certificates:Default:Path"]))
                problems.Add("Transport:Mode is https but Kestrel:Certificates:Default:Path is not set");
            if (options.Mode == TransportOptions.Proxy && options.TrustedProxies.Count == 0 && options.TrustedNetworks.Count == 0)
                problems.Add("Transport:Mode is proxy but no Transport:TrustedProxies or Transport:TrustedNetworks is set");
            ProductionGuard.Report(builder, problems);
        }
        builder.Services.AddSingleton(options);
        if (options.Mode == TransportOptions.Proxy)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                o.ForwardLimit = 1;
                // only the named proxies: loopback is not trusted by default here
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var ip in options.TrustedProxies) o.KnownProxies.Add(IPAddress.Parse(ip));
                foreach (var net in options.TrustedNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(net));
            });
        }
        if (options.Mode is TransportOptions.Https or TransportOptions.Proxy)
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = options.HstsMaxAge;
                o.IncludeSubDomains = true;
            });
        return options;
    }

    /// <summary>First in the pipeline: the real client address and scheme from a trusted proxy, then HSTS on HTTPS answers.</summary>
    public static WebApplication UseTransport(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TransportOptions>();
        if (options.Mode == TransportOptions.Proxy) app.UseForwardedHeaders();
        if (options.Mode is TransportOptions.Https or TransportOptions.Proxy) app.UseHsts();
        return app;
    }
}
