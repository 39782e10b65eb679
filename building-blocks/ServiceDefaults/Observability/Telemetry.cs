using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MediationPlatform.ServiceDefaults.Observability;

/// <summary>
/// Traces, metrics and logs of every process (ADR 0016): W3C trace context in and out (HTTP, the outbox, RabbitMQ), one
/// trace per request across the processes; Prometheus metrics at <c>/metrics</c> on the process's own port (loopback and
/// private networks only); OTLP export of traces and metrics when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
/// <c>Telemetry:OtlpEndpoint</c> is set, nothing exported otherwise; JSON logs with trace and span ids (Production
/// default, <c>Logging:Format=text</c> for plain lines).
/// </summary>
public static class Telemetry
{
    /// <summary>The platform's own spans (outbox dispatch) and instruments (backlogs, lag, dead letters, overdue).</summary>
    public const string SourceName = "MediationPlatform";

    public static readonly ActivitySource Source = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    /// <summary><c>mediation-cases</c>, <c>mediation-gateway</c>, …: from the entry assembly's name.</summary>
    public static string ServiceName(IHostEnvironment environment) =>
        "mediation-" + environment.ApplicationName.Split('.').Last().ToLowerInvariant();

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var serviceName = ServiceName(builder.Environment);
        var otlp = builder.Configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured
            : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        // Spans are recorded for an exporter: with none configured nobody can receive them, and recording them (tags,
        // statements, timings of every request, query and message) cost about 8 % of the CPU per registration (ADR 0016, 0017).
        // Without one the trace context is still created and passed on (W3C traceparent, the outbox, the logs' ids); a
        // request whose caller sampled it (traceparent flag 01) is recorded either way.
        var ratio = builder.Configuration.GetValue("Telemetry:SampleRatio", string.IsNullOrWhiteSpace(otlp) ? 0.0 : 1.0);

        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var format = builder.Configuration["Logging:Format"] ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        if (format == "json")
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true; // the trace and span ids travel as a scope
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(t =>
            {
                t.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)));
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsQuiet(http.Request.Path));
                t.AddHttpClientInstrumentation();
                t.AddSource(SourceName, "MassTransit");
                t.AddNpgsql();
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation();
                m.AddHttpClientInstrumentation();
                m.AddRuntimeInstrumentation();
                m.AddMeter(SourceName, "MassTransit", "Npgsql");
                m.AddPrometheusExporter();
            });
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is null) builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    private static bool IsQuiet(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/swagger");

    /// <summary>
    /// <c>GET /metrics</c> (Prometheus text format) for scrapers on loopback or a private network
    /// (<c>Telemetry:MetricsNetworks</c>); anyone else gets 404, as if it did not exist.
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        var networks = (app.Configuration.GetSection("Telemetry:MetricsNetworks").Get<string[]>()
                        ?? ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"])
            .Select(System.Net.IPNetwork.Parse).ToList();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (http, next) =>
        {
            var ip = http.Connection.RemoteIpAddress;
            if (ip is not null && ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            // the in-memory test server has no address: it is the process itself
            if (ip is not null && !networks.Any(n => n.Contains(ip)))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        }));
        app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        return app;
    }
}
