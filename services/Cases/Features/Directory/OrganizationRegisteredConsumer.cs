using MassTransit;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Directory;

/// <summary>Keeps the local copy of the directory's organisations (<see cref="OrganizationRef"/>); the newest state wins.</summary>
public sealed class OrganizationRegisteredConsumer(CasesDbContext db) : InboxConsumer<OrganizationRegistered, CasesDbContext>(db)
{
    protected override async Task ApplyAsync(OrganizationRegistered m, ConsumeContext<OrganizationRegistered> context, CancellationToken ct)
    {
        await KeyLocks.LockAsync(Db, [m.OrganizationId], ct);
        var org = await Db.Organizations.FirstOrDefaultAsync(x => x.Id == m.OrganizationId, ct);
        if (org is null) Db.Organizations.Add(org = new OrganizationRef { Id = m.OrganizationId });
        else if (org.RecordedAt > m.RecordedAt) return;
        org.Name = m.Name.Trim();
        org.Kind = m.Kind;
        org.RegionCode = m.RegionCode;
        org.ServesRegionCodes = m.ServesRegionCodes.ToList();
        org.Active = m.Active;
        org.RecordedAt = m.RecordedAt;
    }
}
