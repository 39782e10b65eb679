using MassTransit;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Messaging;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>
/// Base of the consumers that change a case (assignment, referral steps): inside the inbox transaction it locks and
/// loads the case (<see cref="CaseStore.LoadForChangeAsync(Guid, CancellationToken)"/>), lets the aggregate apply the message, and records the
/// change — the same path as an HTTP command, so a consumer and a mediator acting on one case at once run one after the
/// other and neither fails. A case not (yet) known throws: the message is retried, then parked in <c>_error</c>.
/// </summary>
public abstract class CaseChangeConsumer<T>(CasesDbContext db, CaseStore store) : InboxConsumer<T, CasesDbContext>(db) where T : class
{
    protected abstract Guid CaseIdOf(T message);

    /// <summary>Who made the change (a user id, or <c>system:…</c>).</summary>
    protected abstract string ActorOf(T message);

    /// <summary>Whether <see cref="Apply"/> needs the case's parties, referrals and links (false: three queries fewer).</summary>
    protected virtual bool NeedsChildren => true;

    /// <summary>Applies the message; false when it changes nothing (an older, late message).</summary>
    protected abstract bool Apply(Case c, T message, CaseContext ctx);

    protected sealed override async Task ApplyAsync(T message, ConsumeContext<T> context, CancellationToken ct)
    {
        var id = CaseIdOf(message);
        var c = await store.LoadForChangeAsync(id, NeedsChildren, ct)
            ?? throw new InvalidOperationException($"Case {id} not found for {typeof(T).Name}.");
        if (Apply(c, message, store.Context(ActorOf(message)))) store.Record(c);
    }
}
