using MassTransit;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Directory;

/// <summary>Keeps the local copy of the directory's regions, against which <c>regionCode</c> is validated.</summary>
public sealed class RegionRegisteredConsumer(CasesDbContext db) : InboxConsumer<RegionRegistered, CasesDbContext>(db)
{
    protected override async Task ApplyAsync(RegionRegistered m, ConsumeContext<RegionRegistered> context, CancellationToken ct)
    {
        var region = await Db.Regions.FirstOrDefaultAsync(r => r.Code == m.Code, ct);
        if (region is null) Db.Regions.Add(region = new RegionRef { Code = m.Code });
        region.Name = m.Name;
        region.ShortName = m.ShortName;
        region.Kind = m.Kind;
        region.ParentCode = m.ParentCode;
        region.TownCode = m.TownCode;
        region.DistrictCode = m.DistrictCode;
    }
}
