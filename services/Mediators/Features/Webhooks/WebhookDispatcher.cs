using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MediationPlatform.Mediators.Data;
using MediationPlatform.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>
/// Sends pending deliveries. Each organisation has its own Polly pipeline (registry keyed by organisation id):
/// retry (jittered exponential backoff) → circuit breaker → per-attempt timeout. Organisations are served concurrently
/// and independently: one that hangs or fails occupies only its own lane, and once its circuit is open its deliveries
/// are put back without a call until the break ends. Every HTTP attempt is logged in <c>webhook_attempts</c>.
/// A round that exhausts its retries is scheduled again with a growing delay; after <see cref="WebhookOptions.MaxRounds"/>
/// the delivery is marked failed (an admin or the liaison may resend it).
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    WebhookSecrets secrets,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundLoop(logger)
{
    public const string HttpClientName = "webhooks";
    private readonly WebhookOptions _options = options.Value;
    private readonly ResiliencePipelineRegistry<Guid> _pipelines = new();
    private readonly ConcurrentDictionary<Guid, Task> _lanes = new();

    private TimeSpan Lease => _options.AttemptTimeout * (_options.MaxRetries + 1) + _options.RetryBaseDelay * Math.Pow(2, _options.MaxRetries + 1)
        + TimeSpan.FromSeconds(30);

    protected override TimeSpan Interval => _options.PollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        await ClaimAndStartAsync(ct);
        return false;
    }

    /// <summary>Leased deliveries not finished when the host stops are due again when their lease ends.</summary>
    protected override async Task StoppedAsync()
    {
        try
        {
            await Task.WhenAll(_lanes.Values);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Leases due deliveries of organisations whose lane is idle (SKIP LOCKED: safe with several instances).</summary>
    private async Task ClaimAndStartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediatorsDbContext>();
        var now = clock.GetUtcNow();
        var busy = _lanes.Keys.ToArray();
        var claimed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.WebhookDeliveries
                .FromSql($"SELECT * FROM webhook_deliveries WHERE status = {(int)WebhookDeliveryStatus.Pending} AND next_attempt_at <= {now} AND NOT (organization_id = ANY({busy})) ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct);
            foreach (var d in rows) d.NextAttemptAt = now + Lease;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return rows;
        });
        foreach (var lane in claimed.GroupBy(d => d.OrganizationId))
        {
            var ids = lane.OrderBy(d => d.CreatedAt).Select(d => d.Id).ToList();
            var task = Task.Run(() => RunLaneAsync(lane.Key, ids, ct), CancellationToken.None);
            _lanes[lane.Key] = task;
            _ = task.ContinueWith(_ => _lanes.TryRemove(lane.Key, out var _), TaskScheduler.Default);
        }
    }

    private ResiliencePipeline PipelineFor(Guid organizationId) => _pipelines.GetOrAddPipeline(organizationId, b => b
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not (BrokenCircuitException or WebhookTargetForbiddenException)),
            MaxRetryAttempts = _options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryBaseDelay,
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not WebhookTargetForbiddenException),
            FailureRatio = 0.5,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakDuration,
        })
        .AddTimeout(_options.AttemptTimeout));

    private async Task RunLaneAsync(Guid organizationId, List<Guid> deliveryIds, CancellationToken stop)
    {
        try
        {
            foreach (var id in deliveryIds)
            {
                if (stop.IsCancellationRequested) return;
                await SendAsync(organizationId, id, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Webhook lane of organisation {OrganizationId} failed", organizationId);
        }
    }

    private async Task SendAsync(Guid organizationId, Guid deliveryId, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediatorsDbContext>();
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, stop);
        if (delivery is null || delivery.Status != WebhookDeliveryStatus.Pending) return;
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, stop);
        var attempts = new List<WebhookAttempt>();
        var now = clock.GetUtcNow();
        if (org?.WebhookUrl is not { } url || secrets.Reveal(org) is not { } secret)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.LastError = "The organisation has no webhook (any more).";
        }
        else
        {
            try
            {
                var previous = org.PreviousWebhookSecretAt(now) is { } stored ? secrets.Reveal(stored, org.Id) : null;
                await PipelineFor(organizationId).ExecuteAsync(
                    async token => await AttemptAsync(url, secret, previous, delivery, attempts, token), stop);
                delivery.Status = WebhookDeliveryStatus.Delivered;
                delivery.DeliveredAt = clock.GetUtcNow();
                delivery.LastError = null;
            }
            catch (BrokenCircuitException)
            {
                delivery.LastError = "Circuit open: not sent; the organisation's endpoint failed repeatedly.";
                delivery.NextAttemptAt = clock.GetUtcNow() + _options.BreakDuration;
            }
            catch (WebhookTargetForbiddenException ex)
            {
                delivery.Status = WebhookDeliveryStatus.Failed;
                delivery.LastError = ex.Message;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                delivery.Rounds++;
                delivery.LastError = Describe(ex);
                if (delivery.Rounds >= _options.MaxRounds) delivery.Status = WebhookDeliveryStatus.Failed;
                else delivery.NextAttemptAt = clock.GetUtcNow()
                    + TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, (_options.RetryBaseDelay * Math.Pow(2, delivery.Rounds + 2)).Ticks));
            }
        }
        delivery.AttemptCount += attempts.Count;
        db.WebhookAttempts.AddRange(attempts);
        await db.SaveChangesAsync(CancellationToken.None);
        if (delivery.Status != WebhookDeliveryStatus.Delivered)
            logger.LogWarning("Webhook delivery {DeliveryId} to organisation {OrganizationId}: {Error} (after {Attempts} attempts, {Elapsed} ms)",
                delivery.Id, organizationId, delivery.LastError, delivery.AttemptCount, (int)(clock.GetUtcNow() - now).TotalMilliseconds);
    }

    /// <summary>One attempt; <c>previous</c> is the secret a rotation replaced while its window is open (<c>X-Signature-Previous</c>).</summary>
    private async Task AttemptAsync(string url, string secret, string? previous, WebhookDelivery delivery, List<WebhookAttempt> attempts,
        CancellationToken token)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", WebhookOutbox.Sign(secret, timestamp, delivery.Payload));
        if (previous is not null) request.Headers.Add("X-Signature-Previous", WebhookOutbox.Sign(previous, timestamp, delivery.Payload));
        request.Headers.Add("X-Delivery-Id", delivery.Id.ToString());
        request.Headers.Add("X-Event", delivery.EventType);
        var attempt = new WebhookAttempt
        {
            Id = Guid.CreateVersion7(), DeliveryId = delivery.Id, Number = delivery.AttemptCount + attempts.Count + 1, At = clock.GetUtcNow(),
        };
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            attempt.StatusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }
        catch (HttpRequestException ex) when (Forbidden(ex) is { } forbidden)
        {
            attempt.Error = forbidden.Message;
            throw forbidden;
        }
        catch (Exception ex)
        {
            attempt.Error = ex is OperationCanceledException ? $"Timed out after {_options.AttemptTimeout.TotalMilliseconds:0} ms" : Describe(ex);
            throw;
        }
        finally
        {
            attempt.DurationMs = (int)watch.ElapsedMilliseconds;
            attempts.Add(attempt);
        }
    }

    private static WebhookTargetForbiddenException? Forbidden(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
            if (e is WebhookTargetForbiddenException f) return f;
        return null;
    }

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutRejectedException => "Timed out",
        HttpRequestException { StatusCode: { } code } => $"HTTP {(int)code}",
        _ => Truncate(ex.GetType().Name + ": " + ex.Message),
    };

    private static string Truncate(string s) => s.Length > 500 ? s[..500] : s;
}
