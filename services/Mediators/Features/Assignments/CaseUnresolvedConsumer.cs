using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed class CaseUnresolvedConsumer(MediatorsDbContext db) : InboxConsumer<CaseUnresolved, MediatorsDbContext>(db)
{
    protected override Task ApplyAsync(CaseUnresolved m, ConsumeContext<CaseUnresolved> context, CancellationToken ct) =>
        Workload.ReleaseAsync(Db, m.CaseId, ct);
}
