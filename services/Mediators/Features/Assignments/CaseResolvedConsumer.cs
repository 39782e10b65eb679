using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed class CaseResolvedConsumer(MediatorsDbContext db) : InboxConsumer<CaseResolved, MediatorsDbContext>(db)
{
    protected override Task ApplyAsync(CaseResolved m, ConsumeContext<CaseResolved> context, CancellationToken ct) =>
        Workload.ReleaseAsync(Db, m.CaseId, ct);
}
