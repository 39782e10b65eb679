using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Domain;

// Disputes handed in by an agency (三调对接 inbound, api.md "Intake"): the record the agency follows, the return to it,
// and the steps it is told of (IntakeChanged → signed webhooks from the mediator service). Also the capacity queue's
// "awaiting a mediator", which any dispute may reach.
public sealed partial class Case
{
    /// <summary>The intake record's id when an agency handed this dispute in (null otherwise).</summary>
    public Guid? IntakeId { get; private set; }

    /// <summary>The organisation that handed it in: its liaisons and systems follow the record.</summary>
    public Guid? IntakeOrganizationId { get; private set; }

    public Agency? IntakeAgency { get; private set; }

    /// <summary>When it went back to its agency (退回: may not or cannot be mediated here).</summary>
    public DateTimeOffset? ReturnedAt { get; private set; }

    /// <summary>When a follow-up first found the agreement performed (履行).</summary>
    public DateTimeOffset? PerformedAt { get; private set; }

    /// <summary>
    /// Since when no mediator serving its place has had room (the mediator service's capacity queue); cleared when it is
    /// assigned. A supervision item while set.
    /// </summary>
    public DateTimeOffset? AwaitingMediatorSince { get; private set; }

    public bool HandedIn => IntakeId is not null;

    /// <summary>
    /// 退回: a handed-in dispute that may not or cannot be mediated here goes back to its agency — e.g. a matter the
    /// police must decide (公安机关办理行政案件程序规定 Art. 179), or one that may turn criminal (防止民转刑, 人民调解法
    /// Art. 25). The case ends <c>transferred</c>, the record <c>returned</c>. Only for handed-in cases (409 otherwise).
    /// </summary>
    public void Return(ReasonCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Return, r.OccurredAt, ctx);
        v.Require("reason", r.Reason, 2000);
        v.ThrowIfInvalid();
        MoveTo(CaseAction.Return);
        OutcomeReason = r.Reason!.Trim();
        ReturnedAt = at;
        EndedAt = at;
        var change = Change(ctx, at, "returned", new { agency = IntakeAgency, organizationId = IntakeOrganizationId, reason = OutcomeReason })
            .Publish(new CaseTransferred(Id, Version, at, ctx.Now, IntakeAgency!.Value));
        TellAgency(change, IntakeChanged.Completed, at, ctx);
    }

    /// <summary>
    /// The mediator service found nobody with room: "awaiting_mediator" on the timeline (once, until it is assigned) and
    /// a supervision item. Not a change of the case: its version stays.
    /// </summary>
    public bool AwaitMediator(AssignmentAwaited m, CaseContext ctx)
    {
        if (!IsOpen || AssignedMediatorId is not null || AwaitingMediatorSince is not null) return false;
        AwaitingMediatorSince = m.OccurredAt;
        Notice(ctx, m.OccurredAt, "awaiting_mediator", new { regionCode = RegionCode, dueAt = DueAt });
        return true;
    }

    /// <summary>The record as the agency sees it (null when the case was not handed in).</summary>
    public IntakeRecord? IntakeView(string? mediatorName = null)
    {
        if (IntakeId is not { } id) return null;
        var status = IntakeStatusNow();
        var outcome = status switch
        {
            IntakeStatus.Resolved => new IntakeOutcome(status, AgreementType, AgreementSummary, AmountAgreed, PerformanceDueAt, PerformedAt,
                JudicialConfirmationStatus, null, null),
            IntakeStatus.Unresolved => new IntakeOutcome(status, null, null, null, null, null, null, OutcomeReason, AdvisedRoute),
            IntakeStatus.Withdrawn or IntakeStatus.Returned => new IntakeOutcome(status, null, null, null, null, null, null, OutcomeReason, null),
            _ => null,
        };
        return new IntakeRecord(id, IntakeAgency!.Value, IntakeOrganizationId!.Value, ExternalRef ?? "", ReceivedAt, status,
            IsOpen ? MediationDueAt : null, new IntakeCase(Id, Number, Status, mediatorName), outcome);
    }

    private IntakeStatus IntakeStatusNow() => Status switch
    {
        CaseStatus.Assigned => IntakeStatus.Assigned,
        CaseStatus.Mediating => IntakeStatus.Mediating,
        CaseStatus.Resolved => IntakeStatus.Resolved,
        CaseStatus.Unresolved => IntakeStatus.Unresolved,
        CaseStatus.Withdrawn => IntakeStatus.Withdrawn,
        // returned to its agency, or handed on whole to another one: either way it left the township's mediators
        CaseStatus.Transferred => IntakeStatus.Returned,
        _ => IntakeStatus.Received,
    };

    /// <summary>Adds IntakeChanged to a change of a handed-in case: the agency's webhook (sent by the mediator service).</summary>
    private void TellAgency(CaseChange change, string eventName, DateTimeOffset at, CaseContext ctx)
    {
        if (IntakeView() is not { } record) return;
        change.Publish(new IntakeChanged(record.Id, record.OrganizationId, Id, eventName, record, at, ctx.Now));
    }
}

// 访调 inside the platform: a claim petition moved to people's mediation.
public sealed partial class Case
{
    // A respondent that is a government organ: the matter is administrative, not a 民间纠纷 (人民调解法 Art. 2).
    private static readonly System.Text.RegularExpressions.Regex GovernmentOrgan = new(
        "(人民政府|政府|管理局|局|厅|委员会办公室|办事处|街道办|公安|法院|检察院|人民代表大会)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Checks that this petition may go to people's mediation (api.md "to-mediation"): a claim (申诉求决类 — 司法部、国家信访局
    /// 2025 opinion: such matters may be 移交或委托 to people's mediation when both parties agree; 409 otherwise), registered
    /// or accepted, both parties consenting, a reason (400), and another side that is not a government organ — people's
    /// mediation is for 民间纠纷 (人民调解法 Art. 2) and needs two sides (422). Returns when it happens.
    /// </summary>
    public DateTimeOffset CheckMoveToMediation(ToMediationCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.ToMediation, r.OccurredAt, ctx);
        v.Require("reason", r.Reason, 2000);
        if (r.PartiesConsent != true) v.Add("partiesConsent", "Mediation is voluntary (人民调解法 Art. 3): 'partiesConsent' must be true — both parties agreed.");
        v.ThrowIfInvalid();
        var respondents = _parties.Where(p => p.Role == PartyRole.Respondent).ToList();
        if (!_parties.Any(p => p.Role == PartyRole.Applicant))
            throw new CaseRuleException("The petition names no applicant", "A dispute needs its applicant (申请人): add the petitioner to the parties (PATCH) first.");
        if (respondents.Count == 0)
            throw new CaseRuleException("The petition names no other party",
                "Mediation needs two sides: add the respondent (被申请人) to the petition's parties (PATCH) first.");
        if (respondents.FirstOrDefault(p => p.Kind == PartyKind.Organization && GovernmentOrgan.IsMatch(p.Name.Trim())) is { } organ)
            throw new CaseRuleException("Not a 民间纠纷",
                $"A claim against a government organ ({organ.Name}) is not a civil dispute people's mediation may take (人民调解法 Art. 2); it stays a petition.");
        return at;
    }

    /// <summary>
    /// Moves the petition (checked by <see cref="CheckMoveToMediation"/>) to the dispute made from it: linked
    /// <c>related</c> to it, <c>transferred</c>, with the reason and the consent on the timeline. The dispute's end is later
    /// noted on this timeline (<see cref="NoteMediationEnded"/>).
    /// </summary>
    public void MoveToMediation(ToMediationCommand r, DateTimeOffset at, Case dispute, CaseContext ctx)
    {
        AddLink(dispute, CaseRelation.Related, at, ctx);
        MoveTo(CaseAction.ToMediation);
        OutcomeReason = r.Reason!.Trim();
        EndedAt = at;
        Change(ctx, at, "to_mediation", new { disputeId = dispute.Id, number = dispute.Number, reason = OutcomeReason, partiesConsent = true })
            .Publish(new CaseTransferred(Id, Version, at, ctx.Now, Agency.Other));
    }

    /// <summary>The dispute this petition was moved to has ended: a notice (not a change) naming how.</summary>
    public void NoteMediationEnded(IntakeRecord dispute, CaseContext ctx) =>
        Notice(ctx, ctx.Now, "mediation_ended", new { disputeId = dispute.Case.Id, number = dispute.Case.Number, result = dispute.Status,
            agreementSummary = dispute.Outcome?.AgreementSummary, reason = dispute.Outcome?.Reason });
}
