using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Referrals;

/// <summary>Puts a step of the agency's handling onto the case: the referral's status, a timeline entry, CaseUpdated.</summary>
public abstract class ReferralStepConsumer<T>(CasesDbContext db) : InboxConsumer<T, CasesDbContext>(db) where T : class
{
    protected async Task ApplyStepAsync(Guid caseId, Guid referralId, Guid organizationId, string by, DateTimeOffset occurredAt,
        ReferralStatus status, string action, object details, Action<CaseReferral> update, CancellationToken ct)
    {
        var c = await Db.Cases.Include(x => x.Referrals).FirstOrDefaultAsync(x => x.Id == caseId, ct)
            ?? throw new InvalidOperationException($"Case {caseId} not found for {typeof(T).Name}.");
        var referral = c.Referrals.FirstOrDefault(r => r.Id == referralId)
            ?? throw new InvalidOperationException($"Referral {referralId} not found on case {caseId}.");
        // The agency's steps are published from separate queues and may arrive out of order: a completion waits
        // (retried) until its acceptance has been applied, so the case never shows "accepted" after "completed".
        if (status == ReferralStatus.Completed && referral.Status == ReferralStatus.Pending)
            throw new InvalidOperationException($"Completion of referral {referralId} arrived before its acceptance; retrying.");
        var now = DateTimeOffset.UtcNow;
        referral.Status = status;
        referral.OrganizationId = organizationId;
        referral.UpdatedAt = now;
        update(referral);
        c.Version++;
        c.UpdatedAt = now;
        Db.Timeline.Add(TimelineEntry.For(c, action, by, occurredAt, now, details));
        Db.AddOutboxMessage(new CaseUpdated(c.Id, c.Version, occurredAt, now, action, c.Status, c.Category, c.RiskLevel, c.AssignedMediatorId));
    }
}

public sealed class ReferralAcceptedConsumer(CasesDbContext db) : ReferralStepConsumer<ReferralAccepted>(db)
{
    protected override Task ApplyAsync(ReferralAccepted m, ConsumeContext<ReferralAccepted> context, CancellationToken ct) =>
        ApplyStepAsync(m.CaseId, m.ReferralId, m.OrganizationId, m.By, m.OccurredAt, ReferralStatus.Accepted, "referral_accepted",
            new { referralId = m.ReferralId, organizationId = m.OrganizationId }, _ => { }, ct);
}

public sealed class ReferralDeclinedConsumer(CasesDbContext db) : ReferralStepConsumer<ReferralDeclined>(db)
{
    protected override Task ApplyAsync(ReferralDeclined m, ConsumeContext<ReferralDeclined> context, CancellationToken ct) =>
        ApplyStepAsync(m.CaseId, m.ReferralId, m.OrganizationId, m.By, m.OccurredAt, ReferralStatus.Declined, "referral_declined",
            new { referralId = m.ReferralId, reason = m.Reason }, r => r.Summary = m.Reason, ct);
}

public sealed class ReferralCompletedConsumer(CasesDbContext db) : ReferralStepConsumer<ReferralCompleted>(db)
{
    protected override Task ApplyAsync(ReferralCompleted m, ConsumeContext<ReferralCompleted> context, CancellationToken ct) =>
        ApplyStepAsync(m.CaseId, m.ReferralId, m.OrganizationId, m.By, m.OccurredAt, ReferralStatus.Completed, "referral_completed",
            new { referralId = m.ReferralId, outcome = m.Outcome, summary = m.Summary }, r =>
            {
                r.Outcome = m.Outcome;
                r.Summary = m.Summary;
            }, ct);
}
