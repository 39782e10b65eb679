using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Projections;

public static class Cst
{
    public static int YearOf(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).Year;
}

public static class CaseFactRows
{
    /// <summary>
    /// The case's fact row, locked (<c>FOR UPDATE</c>) until the consumer's transaction ends, or a new one. Events of one
    /// case arrive on different queues and are applied concurrently; version and status are read-modify-write, so
    /// without the lock a slower, older event could write its version and status over a newer one (a lost update:
    /// a resolved case counted as in progress). Two first events racing to insert: one gets a duplicate key, rolls
    /// back and is retried, then finds the row.
    /// </summary>
    public static async Task<CaseFact> LockOrAddAsync(ReportingDbContext db, Guid caseId, CancellationToken ct)
    {
        var fact = db.CaseFacts.Local.FindEntry(caseId)?.Entity
            ?? (await db.CaseFacts.FromSql($"SELECT * FROM case_facts WHERE case_id = {caseId} FOR UPDATE").ToListAsync(ct)).FirstOrDefault();
        if (fact is null) db.CaseFacts.Add(fact = new CaseFact { CaseId = caseId });
        return fact;
    }
}

public sealed class CaseRegisteredProjection(ReportingDbContext db) : Projection<CaseRegistered>(db)
{
    public override async Task ProjectAsync(CaseRegistered m, CancellationToken ct)
    {
        var fact = await CaseFactRows.LockOrAddAsync(Db, m.CaseId, ct);
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
        var fact = await CaseFactRows.LockOrAddAsync(Db, m.CaseId, ct);
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
