using Yarp.ReverseProxy.Configuration;

namespace MediationPlatform.Gateway.Proxy;

/// <summary>
/// The explicit route table: every <c>/api/...</c> prefix of api.md to the service that owns it, plus each service's
/// OpenAPI document for the one Swagger UI. Service addresses come from <c>Services:Cases|Mediators|Reporting</c>.
/// </summary>
public static class ProxyRoutes
{
    public static readonly IReadOnlyDictionary<string, string[]> PrefixesByService = new Dictionary<string, string[]>
    {
        ["cases"] = ["/api/cases", "/api/intake", "/api/risk-registers", "/api/access-log", "/api/imports", "/api/admin/retention"],
        ["mediators"] = ["/api/regions", "/api/organizations", "/api/mediators", "/api/assignments", "/api/sessions", "/api/referrals"],
        ["reporting"] = ["/api/reports"],
    };

    /// <summary>Prefixes whose requests may carry a larger body than the gateway's default, and how large.</summary>
    public static readonly IReadOnlyDictionary<string, long> LargeBodies = new Dictionary<string, long>
    {
        ["/api/imports"] = 21 * 1024 * 1024, // the case service takes ledgers up to 20 MiB
    };

    public static IReverseProxyBuilder AddGatewayRoutes(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (service, prefixes) in PrefixesByService)
        {
            var address = configuration[$"Services:{char.ToUpperInvariant(service[0])}{service[1..]}"]
                ?? throw new InvalidOperationException($"Services:{service} address is not configured.");
            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address } },
                HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(100) },
            });
            for (var i = 0; i < prefixes.Length; i++)
            {
                routes.Add(new RouteConfig
                {
                    RouteId = $"{service}-{i}",
                    ClusterId = service,
                    Match = new RouteMatch { Path = prefixes[i] + "/{**rest}" },
                    AuthorizationPolicy = "default",
                    // a ledger upload (POST /api/imports) may be larger than the 256 KiB every other body is held to
                    MaxRequestBodySize = LargeBodies.TryGetValue(prefixes[i], out var large) ? large : null,
                });
            }
            // a queue's dead letters live with the service that owns the queue (its name starts with the service's)
            foreach (var (suffix, path) in new[] { ("dlq", $"/api/admin/dead-letters/{service}-{{queue}}"), ("dlq-rest", $"/api/admin/dead-letters/{service}-{{queue}}/{{**rest}}") })
                routes.Add(new RouteConfig
                {
                    RouteId = $"{service}-{suffix}",
                    ClusterId = service,
                    Match = new RouteMatch { Path = path },
                    AuthorizationPolicy = "default",
                });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/swagger/{service}/swagger.json" },
                AuthorizationPolicy = "anonymous",
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/swagger/v1/swagger.json" }],
            });
        }
        return proxy.LoadFromMemory(routes, clusters);
    }
}
