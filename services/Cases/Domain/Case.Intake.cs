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
        Status = CaseStatus.Transferred;
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
