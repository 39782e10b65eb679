using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

public sealed class CaseTransferredConsumer(MediatorsDbContext db) : InboxConsumer<CaseTransferred, MediatorsDbContext>(db)
{
    protected override Task ApplyAsync(CaseTransferred m, ConsumeContext<CaseTransferred> context, CancellationToken ct) =>
        Workload.ReleaseAsync(Db, m.CaseId, ct);
}
