using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Reporting.Data;
using MediationPlatform.ServiceDefaults.Data;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// Base of every reporting projection: the inbox (at most once per message id) comes from
/// <see cref="InboxConsumer{TMessage,TDbContext}"/>; the projection logic lives in <see cref="ProjectAsync(T, CancellationToken)"/>
/// so that a live delivery and a replayed event-log row go through the same code.
/// </summary>
public abstract class Projection<T>(ReportingDbContext db) : InboxConsumer<T, ReportingDbContext>(db), IProjection
    where T : class
{
    public string InboxName => ConsumerName;

    protected sealed override Task ApplyAsync(T message, ConsumeContext<T> context, CancellationToken ct) => ProjectAsync(message, ct);

    public abstract Task ProjectAsync(T message, CancellationToken ct);

    /// <summary>The events of one unit of work (a batch of deliveries: <see cref="InboxBatch{TConsumer, TMessage}"/>).</summary>
    protected sealed override Task ApplyAllAsync(IReadOnlyList<ConsumeContext<T>> deliveries, CancellationToken ct) =>
        ProjectAllAsync(deliveries.Select(d => d.Message).ToList(), ct);

    /// <summary>Several events in one unit of work, in delivery order: one after the other unless a projection does them set-wise.</summary>
    protected virtual async Task ProjectAllAsync(IReadOnlyList<T> messages, CancellationToken ct)
    {
        foreach (var message in messages) await ProjectAsync(message, ct);
    }

    /// <summary>
    /// The row with this primary key: already tracked in this unit of work (a replayed page applies many events to
    /// one row before saving), else from the database, else a new one added from <paramref name="create"/>.
    /// </summary>
    protected async Task<TRow> FindOrAddAsync<TRow>(object key, Func<TRow> create, CancellationToken ct) where TRow : class
    {
        var set = Db.Set<TRow>();
        // two events about one row (a referral accepted and completed at once) may both want to create it: one at a time
        if (key is Guid id && set.Local.FindEntry(id) is null) await KeyLocks.LockAsync(Db, [id], ct);
        var row = await set.FindAsync([key], ct);
        if (row is null) set.Add(row = create());
        return row;
    }

    Task IProjection.ProjectAsync(object message, CancellationToken ct) => ProjectAsync((T)message, ct);
}
