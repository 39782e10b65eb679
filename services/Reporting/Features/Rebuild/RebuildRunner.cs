using System.Net.Http.Headers;
using MediationPlatform.Messaging;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Polly;
using Polly.Retry;

namespace MediationPlatform.Reporting.Features.Rebuild;

/// <summary>
/// Rebuild of the projections from the publishing services' event logs (ADR 0009), while the live consumers keep
/// running: (1) in one transaction, TRUNCATE the tables fed by the configured sources (the lock waits for consumers
/// in flight) and delete those projections' inbox rows; (2) page through each source's log and apply every event through
/// the same projection code and the same inbox as a live delivery, keyed by the same message id. An event that also
/// arrives live during the rebuild is applied once — whichever comes second finds the inbox row — and the
/// projections are version-aware and order-independent, so the interleaving does not matter.
/// </summary>
public sealed class RebuildRunner(ReportingDbContext db, IHttpClientFactory http, RebuildOptions options, RebuildState state,
    TimeProvider clock, ILogger<RebuildRunner> logger)
{
    public async Task RunAsync(string? bearerToken, CancellationToken ct)
    {
        RebuildRun? run = null;
        try
        {
            // one rebuild at a time across replicas: the lock is held for the whole run on this context's connection, and
            // its row tells every replica that the figures are incomplete meanwhile (FiguresGuard)
            var ran = await SingleRunner.TryRunAsync(db, SingleRunner.Rebuild, async () =>
            {
                run = new RebuildRun { Id = Guid.CreateVersion7(), StartedAt = clock.GetUtcNow() };
                db.RebuildRuns.Add(run);
                await db.SaveChangesAsync(ct);
                await ClearAsync(ct);
                foreach (var source in options.Sources) await ReplayAsync(source, bearerToken, ct);
                await EndAsync(run, RebuildRun.Done, null);
            }, ct);
            state.Finish(clock.GetUtcNow(), ran ? null : "Another replica is rebuilding the projections.");
            logger.LogInformation("Rebuild done: {Status}", state.Current);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rebuild failed");
            if (run is not null) await EndAsync(run, RebuildRun.Failed, ex.Message);
            state.Finish(clock.GetUtcNow(), ex.Message);
        }
    }

    private async Task EndAsync(RebuildRun run, string status, string? error)
    {
        try
        {
            db.ChangeTracker.Clear();
            await db.RebuildRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.FinishedAt, clock.GetUtcNow())
                .SetProperty(r => r.Error, error is null ? null : error.Length > 2000 ? error[..2000] : error), CancellationToken.None);
        }
        catch (Exception ex) when (status == RebuildRun.Failed)
        {
            // the row stays "running" without the lock: FiguresGuard reads that as interrupted — still refused
            logger.LogError(ex, "Could not record the failed rebuild {Id}", run.Id);
        }
    }

    private IEnumerable<ProjectionCatalog.Entry> EntriesOf(string source) => ProjectionCatalog.All.Where(e => e.Source == source);

    private async Task ClearAsync(CancellationToken ct)
    {
        var names = options.Sources.Select(s => s.Name).ToHashSet();
        var entries = ProjectionCatalog.All.Where(e => names.Contains(e.Source)).ToList();
        var tables = entries.Select(e => e.Table).Distinct().ToList();
        if (tables.Contains("case_facts")) tables.Add("case_counters"); // written with the facts (CaseCounters), cleared with them
        var consumers = entries.Select(e => e.Projection.Name).ToArray();
        if (tables.Count == 0) return;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // table names come from the catalog (constants), never from input
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"TRUNCATE {string.Join(", ", tables)}", ct);
#pragma warning restore EF1002
            await db.Database.ExecuteSqlAsync($"DELETE FROM inbox_messages WHERE consumer = ANY({consumers})", ct);
            await tx.CommitAsync(ct);
        });
    }

    private async Task ReplayAsync(RebuildSource source, string? bearerToken, CancellationToken ct)
    {
        var entries = EntriesOf(source.Name).ToList();
        if (entries.Count == 0) throw new InvalidOperationException($"Rebuild source '{source.Name}' feeds no projection.");
        using var client = http.CreateClient("rebuild");
        client.BaseAddress = new Uri(source.BaseUrl.TrimEnd('/') + "/");
        if (bearerToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        var projected = entries.Select(e => e.Event.Name).ToHashSet();
        // only the types some projection applies: a source's log also holds events no projection reads (the mediator
        // service's AssignmentAwaited, one per dispute of a full town), which cost a fetch and a parse each and counted
        // for nothing — half of what the benchmark's rebuild read (ADR 0017)
        var types = Uri.EscapeDataString(string.Join(',', projected.Order(StringComparer.Ordinal)));
        // the next page is fetched and parsed while this one is applied: the source's read and the JSON work overlap the
        // database work here
        var next = FetchAsync(client, source, projected, types, 0, ct);
        while (true)
        {
            var (page, messages) = await next;
            if (page.Items.Count == 0) break;
            state.Read(page.Items.Count);
            next = page.More ? FetchAsync(client, source, projected, types, page.Last, ct) : null;
            state.Applied(await ApplyPageAsync(page.Items, messages, entries, ct));
            if (next is null) break;
        }
    }

    /// <summary>One page of the source's log, and the events some projection applies, parsed (keyed by position).</summary>
    private async Task<(EventLogPage Page, Dictionary<long, object> Messages)> FetchAsync(HttpClient client, RebuildSource source,
        IReadOnlySet<string> projected, string types, long after, CancellationToken ct)
    {
        await Task.Yield(); // the caller goes on applying the previous page
        var response = await client.GetAsync($"api/event-log?after={after}&limit={options.PageSize}&types={types}", ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{source.Name} event log answered {(int)response.StatusCode} at position {after}.");
        var page = await response.Content.ReadFromJsonAsync<EventLogPage>(ct)
            ?? throw new InvalidOperationException($"{source.Name} event log sent an empty page.");
        var messages = page.Items.Where(i => projected.Contains(i.Type))
            .ToDictionary(i => i.Position, i => EventSerializer.Deserialize(i.Type, i.Payload));
        return (page, messages);
    }

    private sealed record InboxKey(Guid MessageId, string Consumer);

    private static readonly ResiliencePipeline PageRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => (ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState
                is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Linear,
        })
        .Build();

    /// <summary>
    /// One transaction per page: claim the page's inbox keys in one statement (keys a live delivery already holds come
    /// back absent and are skipped), lock the page's case fact rows in one statement, apply the projections in memory
    /// and save once. A deadlock with a live consumer (both want one inbox key or fact row) retries the page.
    /// </summary>
    private async Task<int> ApplyPageAsync(IReadOnlyList<EventLogEntry> items, IReadOnlyDictionary<long, object> messages,
        List<ProjectionCatalog.Entry> entries, CancellationToken ct)
    {
        var work = items
            .SelectMany(item => entries.Where(e => e.Event.Name == item.Type).Select(target => (Item: item, Target: target)))
            .ToList();
        if (work.Count == 0) return 0;
        return await PageRetry.ExecuteAsync(async token =>
        {
            var applied = 0;
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var ids = work.Select(w => w.Item.Id).ToArray();
                var names = work.Select(w => w.Target.Projection.Name).ToArray();
                var now = clock.GetUtcNow();
                var claimed = (await db.Database.SqlQuery<InboxKey>($"""
                        INSERT INTO inbox_messages (message_id, consumer, received_at)
                        SELECT k.m, k.c, {now} FROM unnest({ids}, {names}) AS k(m, c)
                        ON CONFLICT DO NOTHING
                        RETURNING message_id, consumer
                        """).ToListAsync(ct)).ToHashSet();
                var todo = work.Where(w => claimed.Contains(new InboxKey(w.Item.Id, w.Target.Projection.Name))).ToList();

                // every case fact row the page will touch: locked and loaded in one round trip, the missing ones created;
                // the case events fold into them (CaseFactFold, as live) and CaseFactSet writes them in two statements;
                // the other events go through their projection
                var caseIds = todo.Where(w => w.Target.Table == "case_facts")
                    .Select(w => CaseFactFold.CaseOf(messages[w.Item.Position])!.Value).Distinct().ToArray();
                var facts = new CaseFactSet(db);
                var rows = await facts.LockAsync(caseIds, ct);

                var appliedPositions = new HashSet<long>();
                // detect the page's changes once, at the end, not on every tracked-entity access of the projections
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                try
                {
                    foreach (var (item, target) in todo)
                    {
                        var message = messages[item.Position];
                        if (target.Table == "case_facts") CaseFactFold.Apply(rows[CaseFactFold.CaseOf(message)!.Value], message);
                        else await ((IProjection)Activator.CreateInstance(target.Projection, db)!).ProjectAsync(message, ct);
                        appliedPositions.Add(item.Position);
                    }
                    db.ChangeTracker.DetectChanges();
                }
                finally
                {
                    db.ChangeTracker.AutoDetectChangesEnabled = true;
                }
                await facts.SaveAsync(ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                applied = appliedPositions.Count;
            });
            db.ChangeTracker.Clear();
            return applied;
        }, ct);
    }
}
