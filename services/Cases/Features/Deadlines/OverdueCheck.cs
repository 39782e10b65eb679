using MediationPlatform.Messaging;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Read;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Deadlines;

/// <summary>
/// Every minute (<c>Deadlines:CheckInterval</c>): open cases whose current deadline has passed are marked with a
/// timeline entry and CaseOverdue — once per missed deadline (an <see cref="OverdueNotice"/> key of case, deadline and
/// due date; an extended deadline that is missed again is announced again). Safe with several instances. The event
/// carries the case's current version (the case itself did not change; <c>overdue</c> is derived from the clock).
/// </summary>
public sealed class OverdueCheck(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<OverdueCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Deadlines:CheckInterval", TimeSpan.FromMinutes(1));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Overdue check failed; retrying at the next interval");
            }
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { break; }
        }
    }

    public static string? DeadlineName(Case c) => (c.Kind, c.Status) switch
    {
        (CaseKind.Dispute, _) => "mediation",
        (CaseKind.Petition, CaseStatus.Registered) => "acceptance",
        (CaseKind.Petition, CaseStatus.Accepted) => "conclusion",
        (CaseKind.Petition, CaseStatus.UnderReview) => "review",
        _ => null,
    };

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        var now = DateTimeOffset.UtcNow;
        var candidates = await db.Cases.AsNoTracking()
            .Where(OverdueRule.IsOverdue(now))
            .Where(c => !db.OverdueNotices.Any(n => n.CaseId == c.Id
                && n.DueAt == (c.Kind == CaseKind.Dispute ? c.MediationDueAt
                    : c.Status == CaseStatus.Registered ? c.AcceptanceDueAt
                    : c.Status == CaseStatus.Accepted ? c.ConclusionDueAt : c.ReviewDueAt)))
            .OrderBy(c => c.Id).Take(500).Select(c => c.Id).ToListAsync(ct);

        var marked = 0;
        foreach (var id in candidates)
        {
            db.ChangeTracker.Clear();
            var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == id, ct);
            if (CaseResponse.CurrentDeadline(c) is not { } due || due >= now || DeadlineName(c) is not { } name) continue;
            // A notice, not an edit: the case's version stays, so nobody's If-Match goes stale because time passed.
            db.OverdueNotices.Add(new OverdueNotice { CaseId = c.Id, Deadline = name, DueAt = due, NotifiedAt = now });
            db.Timeline.Add(TimelineEntry.For(c, "overdue", "system:deadlines", due, now, new { deadline = name }));
            db.AddOutboxMessage(new CaseOverdue(c.Id, c.Version, due, now, name, due), c.Id);
            try
            {
                await db.SaveChangesAsync(ct);
                marked++;
            }
            catch (DbUpdateException)
            {
                // another instance marked it, or the case changed meanwhile: the next round decides again
            }
        }
        return marked;
    }
}
