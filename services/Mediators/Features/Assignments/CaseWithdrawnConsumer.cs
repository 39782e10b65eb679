using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed class CaseWithdrawnConsumer(MediatorsDbContext db) : InboxConsumer<CaseWithdrawn, MediatorsDbContext>(db)
{
    protected override Task ApplyAsync(CaseWithdrawn m, ConsumeContext<CaseWithdrawn> context, CancellationToken ct) =>
        Workload.ReleaseAsync(Db, m.CaseId, ct);
}
