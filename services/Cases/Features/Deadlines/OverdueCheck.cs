using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Deadlines;

/// <summary>
/// Every minute (<c>Deadlines:CheckInterval</c>): open cases whose running deadline has passed, and referrals still
/// pending after their <c>respondBy</c>, get an "overdue" entry on the case's timeline and a CaseOverdue event — once
/// per missed deadline (<see cref="OverdueNotice"/>; an extended deadline that is missed again is announced again).
/// Each goes through the case's locked load like any change, so a case resolved at the same moment is not marked; safe
/// with several instances. The case's version stays: <c>overdue</c> is derived from the clock, not an edit.
/// </summary>
public sealed class OverdueCheck(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, DeadlineMetrics metrics,
    ILogger<OverdueCheck> logger)
    : BackgroundLoop(logger)
{
    private const int Batch = 500;

    protected override TimeSpan Interval => configuration.GetValue("Deadlines:CheckInterval", TimeSpan.FromMinutes(1));

    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        var more = await CheckAsync(ct) >= Batch;
        if (!more) await MeasureAsync(ct);
        return more;
    }

    /// <summary>The overdue gauge: counts of what is past its deadline now.</summary>
    private async Task MeasureAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseStore>().Db;
        var now = time.GetUtcNow();
        var byKind = await db.Cases.AsNoTracking().Where(c => c.DueAt < now).GroupBy(c => c.Kind)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        foreach (var kind in Enum.GetValues<CaseKind>())
            metrics.Set(kind.ToString().ToLowerInvariant(), byKind.FirstOrDefault(k => k.Key == kind)?.Count ?? 0);
        metrics.Set("referral", await db.Referrals.AsNoTracking().LongCountAsync(r => r.Status == ReferralStatus.Pending && r.RespondBy < now, ct));
    }

    /// <summary>One pass; returns how many notices it wrote.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CaseStore>();
        var db = store.Db;
        var now = time.GetUtcNow();
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.DueAt < now && !db.OverdueNotices.Any(n => n.CaseId == c.Id && n.ReferralId == Guid.Empty
                && n.Deadline == c.DueKind && n.DueAt == c.DueAt))
            .OrderBy(c => c.DueAt).Take(Batch).Select(c => c.Id).ToListAsync(ct);
        var referrals = await db.Referrals.AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Pending && r.RespondBy < now && !db.OverdueNotices.Any(n => n.CaseId == r.CaseId
                && n.ReferralId == r.Id && n.DueAt == r.RespondBy))
            .OrderBy(r => r.RespondBy).Take(Batch).Select(r => new { r.CaseId, r.Id }).ToListAsync(ct);

        var marked = 0;
        foreach (var id in cases)
            marked += await NoticeAsync(store, id, c => c.NoticeOverdue(store.Context("system:deadlines")) is { } d
                ? new OverdueNotice { CaseId = id, Deadline = d.Name, DueAt = d.DueAt, NotifiedAt = now } : null, ct);
        foreach (var r in referrals)
            marked += await NoticeAsync(store, r.CaseId, c => c.NoticeReferralOverdue(r.Id, store.Context("system:deadlines"))
                ? new OverdueNotice { CaseId = r.CaseId, Deadline = CaseDeadline.Referral, DueAt = c.Referrals.First(x => x.Id == r.Id).RespondBy!.Value, ReferralId = r.Id, NotifiedAt = now }
                : null, ct);
        return marked;
    }

    private async Task<int> NoticeAsync(CaseStore store, Guid caseId, Func<Case, OverdueNotice?> notice, CancellationToken ct)
    {
        try
        {
            return await store.InTransactionAsync(async cancel =>
            {
                var c = await store.LoadForChangeAsync(caseId, cancel);
                if (c is null || notice(c) is not { } n) return (false, 0);
                store.Db.OverdueNotices.Add(n);
                store.Record(c);
                return (true, 1);
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return 0; // another instance announced it at the same moment
        }
    }
}
