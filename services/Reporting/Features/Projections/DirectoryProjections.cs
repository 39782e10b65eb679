using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;

namespace MediationPlatform.Reporting.Features.Projections;

// The directory as the figures need it: the region tree (roll-ups, names) and which mediators are active where.

public sealed class RegionProjection(ReportingDbContext db) : Projection<RegionRegistered>(db)
{
    public override async Task ProjectAsync(RegionRegistered m, CancellationToken ct)
    {
        var node = await FindOrAddAsync(m.Code, () => new RegionNode { Code = m.Code }, ct);
        node.Name = m.Name;
        node.Kind = m.Kind;
        node.TownCode = m.TownCode;
        node.DistrictCode = m.DistrictCode;
    }
}

public sealed class MediatorProjection(ReportingDbContext db) : Projection<MediatorRegistered>(db)
{
    public override async Task ProjectAsync(MediatorRegistered m, CancellationToken ct)
    {
        var fact = await FindOrAddAsync(m.MediatorId, () => new MediatorFact { MediatorId = m.MediatorId }, ct);
        fact.Kind = m.Kind;
        fact.RegionCodes = m.RegionCodes.ToList();
        fact.Active = m.Active;
    }
}
