using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>
/// Workload release: a case that ended (resolved, unresolved, withdrawn, transferred whole) no longer counts towards its
/// mediator's <c>activeCases</c>. The case is marked closed once; a second ending changes nothing. An ending of a case
/// this service has not heard of yet changes no workload but leaves a closed placeholder, so that a late
/// <c>CaseRegistered</c> (queues are consumed independently: a case withdrawn right after registration) does not assign
/// a case that has already ended. Concurrent changes of the same mediator or case conflict on xmin and the message is
/// retried (the inbox makes the retry safe).
/// </summary>
public static class Workload
{
    public static async Task ReleaseAsync(MediatorsDbContext db, Guid caseId, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.CaseId == caseId, ct);
        if (c is null)
        {
            db.Cases.Add(new CaseRef { CaseId = caseId, Closed = true, Placeholder = true });
            return;
        }
        if (c.Closed) return;
        c.Closed = true;
        if (c.AssignedMediatorId is { } mediatorId
            && await db.Mediators.FirstOrDefaultAsync(m => m.Id == mediatorId, ct) is { } mediator)
            mediator.ActiveCases = Math.Max(0, mediator.ActiveCases - 1);
    }
}
