using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Domain;

// Actions of both kinds, and the changes that come from other services (assignment, referral steps) or the clock.
public sealed partial class Case
{
    /// <summary>
    /// 移送/对接 to police (警调), court (诉调), petition office (访调) or another agency. <c>whole</c> hands the case over
    /// (transferred); otherwise the agency helps and reports back. <c>respondBy</c>: 3 working days for a court, 5 for a
    /// whole referral elsewhere (its objection period), none for a help request elsewhere. <paramref name="fromLedger"/>: a
    /// referral entered from the old ledger (ADR 0014) whose response window had already closed when it was recorded is
    /// history, not a live deadline: it gets no <c>respondBy</c>, so nobody is told, years later, that an agency is late.
    /// </summary>
    public CaseReferral Refer(ReferCommand r, CaseContext ctx, bool fromLedger = false)
    {
        var (at, v) = Begin(CaseAction.Refer, r.OccurredAt, ctx);
        if (r.Agency is null) v.Add("agency", "'agency' is required: police, court, petition_office, judicial_office, safety_office or other.");
        v.Require("reason", r.Reason, 2000);
        if (r.Whole is null) v.Add("whole", "'whole' is required: true hands the case over, false asks for help.");
        v.ThrowIfInvalid();
        var agency = r.Agency!.Value;
        var whole = r.Whole!.Value;
        var reason = r.Reason!.Trim();
        var respondBy = ReferralDeadlines.WorkingDaysToRespond(agency, whole) is { } days ? ctx.Clock.DueAfterWorkingDays(at, days) : (DateTimeOffset?)null;
        if (fromLedger && respondBy < ctx.Now) respondBy = null;
        var referral = new CaseReferral(Guid.CreateVersion7(), Id, agency, reason, whole, at, respondBy, ctx.Now);
        _referrals.Add(referral);
        if (whole)
        {
            // the state table keeps a referral's status (a help request); handing the case over whole ends it
            Status = CaseStatus.Transferred;
            EndedAt = at;
        }
        var change = Change(ctx, at, "referred", new { referralId = referral.Id, r.Agency, r.Whole, reason, respondBy })
            .Publish(new CaseReferred(Id, Version, at, ctx.Now, referral.Id, agency, reason, whole, Number, Title, Kind, Category,
                RegionCode, TownCode, DistrictCode, respondBy));
        if (whole)
        {
            change.Publish(new CaseTransferred(Id, Version, at, ctx.Now, agency));
            TellAgency(change, IntakeChanged.Completed, at, ctx);
        }
        return referral;
    }

    /// <summary>备注, allowed in every status.</summary>
    public void AddNote(NoteCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Note, r.OccurredAt, ctx);
        v.Require("text", r.Text, 4000);
        v.ThrowIfInvalid();
        Change(ctx, at, "note", new { text = r.Text!.Trim() }).Publish(Updated("note", at, ctx.Now));
    }

    /// <summary>
    /// 更正 (PATCH): title, description, category, risk level, the people involved and the parties (<paramref name="parties"/>:
    /// the new list, already encrypted, or null when unchanged). A correction is not a step: it does not move the date later
    /// back-dated steps are checked against. Returns false when nothing changed (no version, entry or event).
    /// </summary>
    public bool Correct(CorrectCaseCommand r, IReadOnlyList<Party>? parties, CaseContext ctx)
    {
        var (at, _) = Begin(CaseAction.Update, null, ctx);
        r.Validate(Kind).ThrowIfInvalid();
        var changed = new List<string>();
        object? categoryChange = null, riskChange = null, partyCountChange = null, partiesChange = null;
        if (r.Title is not null && r.Title.Trim() != Title) { Title = r.Title.Trim(); changed.Add("title"); }
        if (r.Description is not null && r.Description.Trim() != Description) { Description = r.Description.Trim(); changed.Add("description"); }
        if (r.Category is { } category && category != Category)
        {
            categoryChange = new { from = Category, to = category };
            Category = category;
            changed.Add("category");
        }
        if (r.RiskLevel is { } risk && risk != RiskLevel)
        {
            riskChange = new { from = RiskLevel, to = risk };
            RiskLevel = risk;
            changed.Add("riskLevel");
        }
        if (parties is not null)
        {
            partiesChange = new { before = _parties.Count, after = parties.Count };
            _parties.Clear();
            foreach (var p in parties)
            {
                p.CaseId = Id;
                _parties.Add(p);
            }
            changed.Add("parties");
        }
        if (r.PartyCount is { } declared && declared != DeclaredPartyCount)
        {
            DeclaredPartyCount = declared;
            if (!changed.Contains("parties")) changed.Add("partyCount");
        }
        var people = Math.Max(DeclaredPartyCount, _parties.Count);
        if (people != PartyCount)
        {
            partyCountChange = new { from = PartyCount, to = people };
            PartyCount = people;
        }
        if (changed.Count == 0) return false;
        Change(ctx, at, "edited", new { changed, category = categoryChange, riskLevel = riskChange, parties = partiesChange, partyCount = partyCountChange },
                isStep: false)
            .Publish(Updated("edited", at, ctx.Now) with { PartyCount = partyCountChange is null ? null : PartyCount });
        return true;
    }

    /// <summary>
    /// The mediator service's assignment (MediatorAssigned): "assigned" or "reassigned" on the timeline, always — it
    /// happened. It becomes the case's current mediator (and <c>registered</c> becomes <c>assigned</c>) unless the case
    /// has ended meanwhile or a newer assignment was applied first (the two travel on one queue but are consumed
    /// concurrently); then it is history only (<c>current: false</c>).
    /// </summary>
    public void AssignMediator(MediatorAssigned m, CaseContext ctx)
    {
        var current = IsOpen && (AssignedAt is not { } last || m.RecordedAt >= last);
        var awaited = AwaitingMediatorSince;
        if (current)
        {
            AssignedMediatorId = m.MediatorId;
            AssignedAt = m.RecordedAt;
            AwaitingMediatorSince = null;
            if (Status == CaseStatus.Registered) Status = CaseStatus.Assigned;
        }
        var change = Change(ctx, m.OccurredAt, m.PreviousMediatorId is null ? "assigned" : "reassigned",
                new { mediatorId = m.MediatorId, automatic = m.Automatic, reason = m.Reason, current, awaitedSince = current ? awaited : null }, isStep: false)
            .Publish(Updated("assigned", m.OccurredAt, ctx.Now));
        if (current) TellAgency(change, IntakeChanged.Assigned, m.OccurredAt, ctx);
    }

    /// <summary>
    /// The mediator service routed a referral to an organisation: remembered on the referral (that organisation's
    /// liaisons may read the parties' names) with a notice on the timeline; the case itself does not change.
    /// </summary>
    public void RecordReferralRouted(ReferralRouted m, CaseContext ctx)
    {
        var referral = _referrals.FirstOrDefault(r => r.Id == m.ReferralId)
            ?? throw new InvalidOperationException($"Referral {m.ReferralId} not found on case {Id}.");
        referral.RouteTo(m.OrganizationId);
        Notice(ctx, m.OccurredAt, "referral_routed", new { referralId = m.ReferralId, organizationId = m.OrganizationId });
    }

    /// <summary>The agency accepted a referral (接收), as reported by the mediator service.</summary>
    public void RecordReferralAccepted(ReferralAccepted m, CaseContext ctx) =>
        RecordReferralStep(m.ReferralId, ctx, m.OccurredAt, "referral_accepted",
            new { referralId = m.ReferralId, organizationId = m.OrganizationId },
            r => r.Record(ReferralStatus.Accepted, m.OrganizationId, ctx.Now));

    /// <summary>The agency declined a referral (退回), with its reason.</summary>
    public void RecordReferralDeclined(ReferralDeclined m, CaseContext ctx) =>
        RecordReferralStep(m.ReferralId, ctx, m.OccurredAt, "referral_declined",
            new { referralId = m.ReferralId, reason = m.Reason },
            r => r.Record(ReferralStatus.Declined, m.OrganizationId, ctx.Now, summary: m.Reason));

    /// <summary>
    /// The agency reported the outcome (反馈结果). Steps may arrive in any order (separate queues): a completion that
    /// overtakes its acceptance is applied at once; the acceptance that arrives after it no longer moves the status.
    /// </summary>
    public void RecordReferralCompleted(ReferralCompleted m, CaseContext ctx) =>
        RecordReferralStep(m.ReferralId, ctx, m.OccurredAt, "referral_completed",
            new { referralId = m.ReferralId, outcome = m.Outcome, summary = m.Summary },
            r => r.Record(ReferralStatus.Completed, m.OrganizationId, ctx.Now, m.Outcome, m.Summary));

    private void RecordReferralStep(Guid referralId, CaseContext ctx, DateTimeOffset occurredAt, string action, object details, Action<CaseReferral> apply)
    {
        var referral = _referrals.FirstOrDefault(r => r.Id == referralId)
            ?? throw new InvalidOperationException($"Referral {referralId} not found on case {Id}.");
        apply(referral);
        Change(ctx, occurredAt, action, details, isStep: false).Publish(Updated(action, occurredAt, ctx.Now));
    }

    /// <summary>
    /// The current deadline has passed without its step: an "overdue" notice and CaseOverdue, once per deadline and due
    /// date (the caller keeps the key). Not a change of the case: its version stays.
    /// </summary>
    public CaseDeadline? NoticeOverdue(CaseContext ctx)
    {
        if (CurrentDeadline() is not { } deadline || deadline.DueAt >= ctx.Now) return null;
        Notice(ctx, deadline.DueAt, "overdue", new { deadline = deadline.Name, dueAt = deadline.DueAt })
            .Publish(new CaseOverdue(Id, Version, deadline.DueAt, ctx.Now, deadline.Name, deadline.DueAt, null, Kind, Number,
                RegionCode, TownCode, DistrictCode));
        return deadline;
    }

    /// <summary>An agency did not answer a referral by its <c>respondBy</c>: a notice and CaseOverdue (deadline <c>referral</c>).</summary>
    public bool NoticeReferralOverdue(Guid referralId, CaseContext ctx)
    {
        if (_referrals.FirstOrDefault(r => r.Id == referralId) is not { } referral || !referral.IsOverdue(ctx.Now)) return false;
        var due = referral.RespondBy!.Value;
        Notice(ctx, due, "referral_overdue", new { referralId, agency = referral.Agency, respondBy = due })
            .Publish(new CaseOverdue(Id, Version, due, ctx.Now, CaseDeadline.Referral, due, referralId, Kind, Number,
                RegionCode, TownCode, DistrictCode));
        return true;
    }

    /// <summary>A risk item naming this case was opened or closed (风险清单): a notice on its timeline.</summary>
    public void NoticeRiskItem(string action, DateTimeOffset occurredAt, object details, CaseContext ctx) =>
        Notice(ctx, occurredAt, action, details);
}
