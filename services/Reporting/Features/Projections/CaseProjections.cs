using MassTransit;
using MediationPlatform.BuildingBlocks.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Projections;

public static class Cst
{
    public static int YearOf(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).Year;
}

public sealed class CaseRegisteredProjection(ReportingDbContext db) : Projection<CaseRegistered>(db)
{
    public override async Task ProjectAsync(CaseRegistered m, CancellationToken ct)
    {
        var fact = await Db.CaseFacts.FirstOrDefaultAsync(f => f.CaseId == m.CaseId, ct);
        if (fact is null) Db.CaseFacts.Add(fact = new CaseFact { CaseId = m.CaseId });
        if (fact.Registered) return;
        fact.Registered = true;
        fact.Kind = m.Kind;
        fact.Category = m.Category;
        fact.PetitionType = m.PetitionType;
        fact.Source = m.Source;
        fact.Channel = m.Channel;
        fact.RegionCode = m.RegionCode;
        fact.TownCode = m.TownCode;
        fact.DistrictCode = m.DistrictCode;
        fact.ReceivedAt = m.ReceivedAt;
        fact.ReceivedYear = Cst.YearOf(m.ReceivedAt);
        fact.PartyCount = m.PartyCount;
        fact.AmountInvolved = m.AmountInvolved;
        if (m.Version > fact.Version)
        {
            fact.Version = m.Version;
            fact.Status = Contracts.CaseStatus.Registered;
            fact.RiskLevel = m.RiskLevel;
        }
    }
}

public sealed class CaseUpdatedProjection(ReportingDbContext db) : Projection<CaseUpdated>(db)
{
    public override async Task ProjectAsync(CaseUpdated m, CancellationToken ct)
    {
        var fact = await Db.CaseFacts.FirstOrDefaultAsync(f => f.CaseId == m.CaseId, ct);
        if (fact is null) Db.CaseFacts.Add(fact = new CaseFact { CaseId = m.CaseId });
        if (m.Version <= fact.Version) return; // a late, older event
        fact.Version = m.Version;
        fact.Status = m.Status;
        fact.Category = m.Category;
        fact.RiskLevel = m.RiskLevel;
        fact.AssignedMediatorId = m.AssignedMediatorId;
    }
}

public sealed class RegionProjection(ReportingDbContext db) : Projection<RegionRegistered>(db)
{
    public override async Task ProjectAsync(RegionRegistered m, CancellationToken ct)
    {
        var node = await Db.Regions.FirstOrDefaultAsync(r => r.Code == m.Code, ct);
        if (node is null) Db.Regions.Add(node = new RegionNode { Code = m.Code });
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
        var fact = await Db.Mediators.FirstOrDefaultAsync(x => x.MediatorId == m.MediatorId, ct);
        if (fact is null) Db.Mediators.Add(fact = new MediatorFact { MediatorId = m.MediatorId });
        fact.Kind = m.Kind;
        fact.RegionCodes = m.RegionCodes.ToList();
        fact.Active = m.Active;
    }
}
