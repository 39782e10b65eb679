using System.Diagnostics;
using MassTransit;
using MediationPlatform.ServiceDefaults.Hosting;
using MediationPlatform.ServiceDefaults.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediationPlatform.Messaging;

/// <summary>
/// Publishes outbox rows. Each round claims unsent, due rows with <c>FOR UPDATE SKIP LOCKED</c> (so several instances
/// never claim the same row), publishes them with publisher confirms, and marks them sent in the same transaction.
/// A crash between publish and mark rolls the claim back: the rows are sent again (at least once); consumers' inboxes
/// make that harmless. A failed publish is retried with exponential backoff.
/// </summary>
public sealed class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    MessagingLiveness liveness,
    IOptions<OutboxOptions> options,
    MessagingMetrics metrics,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundLoop(logger)
    where TDbContext : DbContext
{
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;
    private DateTimeOffset _lastGauge = DateTimeOffset.MinValue;

    protected override TimeSpan Interval => _options.PollInterval;

    /// <summary>A full batch means more rows are waiting: the next round starts at once.</summary>
    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        var published = await DispatchOnceAsync(ct);
        await MeasureBacklogAsync(ct);
        if (published == _options.BatchSize) return true;
        await CleanupAsync(ct);
        return false;
    }

    /// <summary>
    /// Woken by a commit that wrote outbox rows, or after the poll interval (other instances, retries that came due). A
    /// wake-up by a commit lingers <see cref="OutboxOptions.Linger"/> first, so that the commits of the next few
    /// milliseconds go out in the same round: under load a round per commit published about one row each (ADR 0017).
    /// </summary>
    protected override async Task WaitAsync(TimeSpan interval, CancellationToken ct)
    {
        if (await signal.WaitAsync(interval, ct) && _options.Linger > TimeSpan.Zero) await Task.Delay(_options.Linger, ct);
    }

    /// <summary>
    /// One round: claim and mark in one statement, publish, commit. The claimed rows are marked sent inside this
    /// round's transaction (<c>UPDATE … RETURNING</c> over the due rows, <c>FOR UPDATE SKIP LOCKED</c>), so the mark only
    /// becomes true when the commit follows the confirmed publishes; a row whose publish failed gets its mark taken back
    /// and a backoff before the commit. Returns how many rows were published.
    /// </summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The round's commit does not wait for its WAL flush (synchronous_commit off for this transaction, set in the
            // same statement): a mark lost in a crash only means the rows are published again, which the consumers' inboxes
            // drop — the at-least-once promise is the same, and two of a registration's six flushes are gone (ADR 0017).
            var batch = (await db.Set<OutboxMessage>()
                .FromSql($"""
                    UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1, last_error = NULL
                    FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
                    WHERE id IN (
                        SELECT id FROM outbox_messages
                        WHERE sent_at IS NULL AND next_attempt_at <= now()
                        ORDER BY sequence
                        LIMIT {_options.BatchSize}
                        FOR UPDATE SKIP LOCKED)
                    RETURNING outbox_messages.*
                    """)
                .AsNoTracking()
                .ToListAsync(ct))
                .OrderBy(row => row.Sequence)
                .ToList();
            if (batch.Count == 0)
            {
                await tx.RollbackAsync(ct);
                return 0;
            }

            var results = await PublishAllAsync(batch, ct);
            if (_options.AfterPublishBeforeMark is { } hook) await hook(batch);

            var now = TimeProvider.System.GetUtcNow(); // delivery bookkeeping: the real clock on purpose (ADR 0013)
            var failed = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i] is not { } error) continue;
                failed++;
                var backoff = TimeSpan.FromMilliseconds(
                    Math.Min(_options.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(batch[i].Attempts, 16))));
                var next = now + backoff;
                var reason = Truncate(error, 2000);
                var id = batch[i].Id;
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE outbox_messages SET sent_at = NULL, next_attempt_at = {next}, last_error = {reason} WHERE id = {id}", ct);
            }
            await tx.CommitAsync(ct);
            if (failed < batch.Count) liveness.PublishSucceeded();
            else liveness.PublishFailed(now);
            if (failed > 0)
                logger.LogWarning("Outbox: {Failed} of {Count} publishes failed; they will be retried", failed, batch.Count);
            // A partly failed batch must not spin the loop: report it as not full.
            return failed == 0 ? batch.Count : 0;
        });
    }

    /// <summary>
    /// Publishes the batch concurrently and waits at most <see cref="OutboxOptions.PublishTimeout"/> + 2 s for all of it,
    /// whatever a publish does: one was seen to ignore its token and never finish when a broker node died mid-confirm
    /// (BrokerClusterTests), so the publishes run off this loop (<c>Task.Run</c>: not even a publish that blocks its thread
    /// holds the round) and a row without an answer by then counts as failed — it is published again in a later round
    /// (at least once; the inbox drops a copy that did arrive). Returns, per row, null or why it failed.
    /// </summary>
    private async Task<string?[]> PublishAllAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        var results = new string?[batch.Count];
        var done = new bool[batch.Count];
        var publishing = Task.Run(() => Task.WhenAll(batch.Select(async (row, i) =>
        {
            results[i] = await PublishAsync(row, ct);
            Volatile.Write(ref done[i], true);
        })), ct);
        try
        {
            await publishing.WaitAsync(_options.PublishTimeout + TimeSpan.FromSeconds(2), ct);
        }
        catch (TimeoutException)
        {
            // the rows without an answer count as failed below; their publishes finish (or not) on their own
        }
        var answered = new string?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            answered[i] = Volatile.Read(ref done[i]) ? results[i] : $"no answer from the broker within {_options.PublishTimeout.TotalSeconds:0} s";
        return answered;
    }

    private async Task<string?> PublishAsync(OutboxMessage row, CancellationToken ct)
    {
        // publish under the trace of the request that wrote the row (MassTransit carries it on to the consumers)
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = Telemetry.Source.StartActivity($"outbox publish {row.MessageType}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id);
        try
        {
            var message = EventSerializer.Deserialize(row.MessageType, row.Payload);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.PublishTimeout);
            await bus.Publish(message, message.GetType(), ctx =>
            {
                ctx.MessageId = row.Id;
                if (row.AggregateId is { } id) ctx.CorrelationId = id;
            }, timeout.Token);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    /// <summary>The backlog gauges (<see cref="MessagingMetrics"/>), at most every 5 s: two index-only reads of the unsent rows.</summary>
    private async Task MeasureBacklogAsync(CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow(); // delivery bookkeeping: the real clock on purpose (ADR 0013)
        if (now - _lastGauge < TimeSpan.FromSeconds(5)) return;
        _lastGauge = now;
        await using var scope = scopes.CreateAsyncScope();
        var unsent = scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>().Where(m => m.SentAt == null);
        metrics.SetOutbox(await unsent.LongCountAsync(ct), await unsent.MinAsync(m => (DateTimeOffset?)m.CreatedAt, ct), now);
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow(); // delivery bookkeeping: the real clock on purpose (ADR 0013)
        if (now - _lastCleanup < TimeSpan.FromMinutes(10)) return;
        _lastCleanup = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var inboxCutoff = now - TimeSpan.FromDays(30);
        await db.Set<InboxMessage>().Where(m => m.ReceivedAt < inboxCutoff).ExecuteDeleteAsync(ct);
        // Idempotency-Key answers expire (they hold a response, and a key is for retries, not for ever)
        if (db.Model.FindEntityType(typeof(IdempotencyRecord)) is not null
            && scope.ServiceProvider.GetService<IdempotencyOptions>() is { } idempotency)
        {
            var expired = now - idempotency.Retention;
            await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < expired).ExecuteDeleteAsync(ct);
        }
        if (_options.KeepSentAsEventLog) return;
        var cutoff = now - _options.SentRetention;
        await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
