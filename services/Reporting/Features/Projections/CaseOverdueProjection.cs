using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>Remembers each missed deadline (CaseOverdue) with its place, for the <c>overdue</c> figures.</summary>
public sealed class CaseOverdueProjection(ReportingDbContext db) : Projection<CaseOverdue>(db)
{
    public override async Task ProjectAsync(CaseOverdue m, CancellationToken ct)
    {
        var key = new object[] { m.CaseId, m.Deadline, m.DueAt, m.ReferralId ?? Guid.Empty };
        if (await Db.Set<OverdueFact>().FindAsync(key, ct) is not null) return;
        Db.Set<OverdueFact>().Add(new OverdueFact
        {
            CaseId = m.CaseId, Deadline = m.Deadline, DueAt = m.DueAt, ReferralId = m.ReferralId ?? Guid.Empty,
            Kind = m.Kind, RegionCode = m.RegionCode ?? "", TownCode = m.TownCode, DistrictCode = m.DistrictCode,
        });
    }
}
