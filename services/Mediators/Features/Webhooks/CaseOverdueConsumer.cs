using MassTransit;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>
/// 督办: a missed deadline (CaseOverdue from the case service) is delivered to the supervising organisation's webhook
/// when one is registered — the township's comprehensive-governance centre (综治中心, an organisation of kind
/// <c>governance_centre</c> sitting at the case's town), else the district's. Signed and retried like every webhook;
/// the payload names the case, its place and the deadline, never a person.
/// </summary>
public sealed class CaseOverdueConsumer(MediatorsDbContext db) : InboxConsumer<CaseOverdue, MediatorsDbContext>(db)
{
    protected override async Task ApplyAsync(CaseOverdue m, ConsumeContext<CaseOverdue> context, CancellationToken ct)
    {
        string?[] seats = [m.TownCode, m.DistrictCode];
        var places = seats.OfType<string>().ToList();
        if (places.Count == 0) return; // an event recorded before it carried the case's place
        var centres = await Db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.GovernanceCentre && o.Active && o.WebhookUrl != null && places.Contains(o.RegionCode))
            .ToListAsync(ct);
        var supervisor = places.Select(p => centres.Where(o => o.RegionCode == p).OrderBy(o => o.Name).FirstOrDefault()).FirstOrDefault(o => o is not null);
        if (supervisor is not null) WebhookOutbox.EnqueueOverdue(Db, supervisor, m);
    }
}
