using System.Globalization;
using System.Threading.RateLimiting;
using MediationPlatform.Contracts;

namespace MediationPlatform.Gateway.Proxy;

/// <summary>
/// Per-user token buckets on every <c>/api</c> request at the gateway (its own endpoints and every proxied one), and a
/// per-address window on the token endpoint. Every <c>/api</c> answer carries the caller's quota as the IETF draft's
/// <c>RateLimit-Limit</c> (the bucket's size), <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (seconds until the
/// bucket is full again); a refused request gets 429 with those and <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string TokenPolicy = "token";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddSingleton(settings);
        services.AddSingleton(new ApiRateLimiter(settings));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                await Refuse(context.HttpContext, retryAfter);
            };
            o.AddPolicy(TokenPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.TokenPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>The per-user limit on <c>/api</c>: after authentication (the user is the token's subject).</summary>
    public static IApplicationBuilder UseApiRateLimit(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<ApiRateLimiter>();
        return app.Use(async (http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments("/api"))
            {
                await next(http);
                return;
            }
            using var lease = limiter.Limiter.AttemptAcquire(http);
            limiter.WriteHeaders(http);
            if (!lease.IsAcquired)
            {
                await Refuse(http, lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1));
                return;
            }
            await next(http);
        });
    }

    private static async Task Refuse(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Slow down and retry after the given seconds.")
            .ExecuteAsync(http);
    }
}

/// <summary>The gateway's token buckets (<see cref="RateLimitSettings"/>): one per signed-in caller, one per address for requests without a valid token; and the quota headers they give.</summary>
public sealed class ApiRateLimiter
{
    private readonly RateLimitSettings settings;

    public ApiRateLimiter(RateLimitSettings settings)
    {
        this.settings = settings;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var (key, burst, perSecond) = Quota(http);
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>A signed-in caller's bucket is theirs (the token's subject); requests without a valid token share their address's.</summary>
    private (string Key, int Burst, int PerSecond) Quota(HttpContext http) =>
        http.User.FindFirst(ClaimNames.Subject)?.Value is { } subject
            ? ("sub:" + subject, settings.PerUserBurst, settings.PerUserPerSecond)
            : ("ip:" + http.Connection.RemoteIpAddress, settings.PerAddressBurst, settings.PerAddressPerSecond);

    public void WriteHeaders(HttpContext http)
    {
        var (_, burst, perSecond) = Quota(http);
        var remaining = Math.Max(0, Limiter.GetStatistics(http)?.CurrentAvailablePermits ?? burst);
        var reset = (int)Math.Ceiling((burst - remaining) / (double)Math.Max(1, perSecond));
        http.Response.Headers["RateLimit-Limit"] = burst.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }
}
