using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;

namespace MediationPlatform.Reporting.Features.Projections;

// Referrals, sessions and risk items. Each event sets only its own fields on the row, so the order of arrival does not
// matter; a duplicate delivery is stopped by the inbox, and applying one twice would set the same values again.

public sealed class CaseReferredProjection(ReportingDbContext db) : Projection<CaseReferred>(db)
{
    public override async Task ProjectAsync(CaseReferred m, CancellationToken ct)
    {
        var row = await FindOrAddAsync(m.ReferralId, () => new ReferralFact { ReferralId = m.ReferralId }, ct);
        row.CaseId = m.CaseId;
        row.Agency = m.Agency;
        row.RegionCode = m.RegionCode;
        row.TownCode = m.TownCode;
        row.DistrictCode = m.DistrictCode;
        row.MadeAt = m.OccurredAt;
        // Names, reason and title stay behind: statistics carry no personal data.
    }
}

public abstract class ReferralOutcomeProjection<T>(ReportingDbContext db) : Projection<T>(db) where T : class
{
    protected abstract Guid ReferralId(T e);

    protected abstract void Apply(ReferralOutcomeFact row, T e);

    public override async Task ProjectAsync(T e, CancellationToken ct)
    {
        var id = ReferralId(e);
        var row = await FindOrAddAsync(id, () => new ReferralOutcomeFact { ReferralId = id }, ct);
        Apply(row, e);
    }
}

public sealed class ReferralAcceptedProjection(ReportingDbContext db) : ReferralOutcomeProjection<ReferralAccepted>(db)
{
    protected override Guid ReferralId(ReferralAccepted e) => e.ReferralId;
    protected override void Apply(ReferralOutcomeFact row, ReferralAccepted e) => row.AcceptedAt = e.OccurredAt;
}

public sealed class ReferralDeclinedProjection(ReportingDbContext db) : ReferralOutcomeProjection<ReferralDeclined>(db)
{
    protected override Guid ReferralId(ReferralDeclined e) => e.ReferralId;
    protected override void Apply(ReferralOutcomeFact row, ReferralDeclined e) => row.DeclinedAt = e.OccurredAt;
}

public sealed class ReferralCompletedProjection(ReportingDbContext db) : ReferralOutcomeProjection<ReferralCompleted>(db)
{
    protected override Guid ReferralId(ReferralCompleted e) => e.ReferralId;
    protected override void Apply(ReferralOutcomeFact row, ReferralCompleted e) => row.CompletedAt = e.OccurredAt;
}

public abstract class SessionProjection<T>(ReportingDbContext db) : Projection<T>(db) where T : class
{
    protected async Task<SessionFact> RowAsync(Guid sessionId, Guid caseId, string? region, string? town, string? district, CancellationToken ct)
    {
        var row = await FindOrAddAsync(sessionId, () => new SessionFact { SessionId = sessionId }, ct);
        row.CaseId = caseId;
        if (region is not null)
        {
            row.RegionCode = region;
            row.TownCode = town;
            row.DistrictCode = district;
        }
        return row;
    }
}

public sealed class SessionScheduledProjection(ReportingDbContext db) : SessionProjection<SessionScheduled>(db)
{
    public override async Task ProjectAsync(SessionScheduled m, CancellationToken ct) =>
        (await RowAsync(m.SessionId, m.CaseId, m.RegionCode, m.TownCode, m.DistrictCode, ct)).ScheduledAt = m.OccurredAt;
}

public sealed class SessionHeldProjection(ReportingDbContext db) : SessionProjection<SessionHeld>(db)
{
    public override async Task ProjectAsync(SessionHeld m, CancellationToken ct)
    {
        var row = await RowAsync(m.SessionId, m.CaseId, m.RegionCode, m.TownCode, m.DistrictCode, ct);
        row.HeldAt = m.Held ? m.OccurredAt : null; // recorded as not having taken place: not "held"
    }
}

public sealed class RiskItemOpenedProjection(ReportingDbContext db) : Projection<RiskItemOpened>(db)
{
    public override async Task ProjectAsync(RiskItemOpened m, CancellationToken ct)
    {
        var row = await FindOrAddAsync(m.ItemId, () => new RiskItemFact { ItemId = m.ItemId }, ct);
        row.RegionCode = m.RegionCode;
        row.TownCode = m.TownCode;
        row.DistrictCode = m.DistrictCode;
        row.OpenedAt = m.OccurredAt;
    }
}

public sealed class RiskItemClosedProjection(ReportingDbContext db) : Projection<RiskItemClosed>(db)
{
    public override async Task ProjectAsync(RiskItemClosed m, CancellationToken ct)
    {
        var row = await FindOrAddAsync(m.ItemId, () => new RiskItemFact { ItemId = m.ItemId }, ct);
        row.RegionCode = m.RegionCode;
        row.TownCode = m.TownCode;
        row.DistrictCode = m.DistrictCode;
        row.ClosedAt = m.OccurredAt;
    }
}
