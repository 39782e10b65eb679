using MassTransit;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Directory;

/// <summary>
/// Keeps the local copy of the directory's mediators (<see cref="MediatorRef"/>), against which a ledger's 调解员 is found
/// by name. The directory publishes the whole current state on every change, so the newest one wins; the id's key lock
/// lets two first events of one mediator queue instead of clashing on the primary key.
/// </summary>
public sealed class MediatorRegisteredConsumer(CasesDbContext db) : InboxConsumer<MediatorRegistered, CasesDbContext>(db)
{
    protected override async Task ApplyAsync(MediatorRegistered m, ConsumeContext<MediatorRegistered> context, CancellationToken ct)
    {
        await KeyLocks.LockAsync(Db, [m.MediatorId], ct);
        var mediator = await Db.Mediators.FirstOrDefaultAsync(x => x.Id == m.MediatorId, ct);
        if (mediator is null) Db.Mediators.Add(mediator = new MediatorRef { Id = m.MediatorId });
        else if (mediator.RecordedAt > m.RecordedAt) return;
        mediator.Name = m.Name.Trim();
        mediator.Kind = m.Kind;
        mediator.RegionCodes = m.RegionCodes.ToList();
        mediator.Active = m.Active;
        mediator.RecordedAt = m.RecordedAt;
    }
}
