using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain;

// Dispute actions (人民调解): registered → assigned → mediating → resolved | unresolved | withdrawn | transferred.
public sealed partial class Case
{
    /// <summary>开始调解: registered/assigned → mediating.</summary>
    public void StartMediation(StepCommand r, CaseContext ctx)
    {
        var (at, _) = Begin(CaseAction.StartMediation, r.OccurredAt, ctx);
        MoveTo(CaseAction.StartMediation);
        Change(ctx, at, "mediation_started", null).Publish(new MediationStarted(Id, Version, at, ctx.Now));
    }

    /// <summary>
    /// 调解成功 → resolved; opens the 30-day judicial-confirmation window (人民调解法 Art. 33; the entry cites the
    /// 民事诉讼法 article in force on the agreement's date: Art. 194 before 2022, 201 before 2024, 205 since).
    /// </summary>
    public void Resolve(ResolveCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Resolve, r.OccurredAt, ctx);
        if (r.AgreementType is null) v.Add("agreementType", "'agreementType' is required: written or oral.");
        v.Require("agreementSummary", r.AgreementSummary, 4000);
        if (r.AmountAgreed is < 0) v.Add("amountAgreed", "'amountAgreed' may not be negative.");
        if (r.PerformanceDueAt is { } due && due < at) v.Add("performanceDueAt", "'performanceDueAt' may not lie before the agreement.");
        var obligations = CheckObligations(r.Obligations, at, v);
        var prevented = CheckPrevented(r, v);
        v.ThrowIfInvalid();
        MoveTo(CaseAction.Resolve);
        Obligations = obligations;
        Prevented = prevented;
        AgreementType = r.AgreementType;
        AgreementSummary = r.AgreementSummary!.Trim();
        AmountAgreed = r.AmountAgreed;
        PerformanceDueAt = r.PerformanceDueAt;
        EscalationPrevented = (r.EscalationPrevented ?? false) || prevented.Any(x => x.Kind == PreventedKind.CriminalCase);
        EndedAt = at;
        var change = Change(ctx, at, "resolved", new { r.AgreementType, r.AmountAgreed, EscalationPrevented, obligations = Obligations.Count, prevented = Prevented,
                judicialConfirmationDueAt = JudicialConfirmationDueAt, judicialConfirmationBasis = LawInForce.JudicialConfirmationBasis(at) })
            .Publish(new CaseResolved(Id, Version, at, ctx.Now, AgreementType!.Value, AmountAgreed, EscalationPrevented,
                JudicialConfirmationDueAt!.Value, Prevented));
        TellAgency(change, IntakeChanged.Completed, at, ctx);
    }

    /// <summary>调解不成 → unresolved, with the route the parties were told of (人民调解法 Art. 26).</summary>
    public void Fail(FailCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Fail, r.OccurredAt, ctx);
        v.Require("reason", r.Reason, 2000);
        if (r.AdvisedRoute is null) v.Add("advisedRoute", "'advisedRoute' is required: litigation, arbitration, administrative or other.");
        v.ThrowIfInvalid();
        MoveTo(CaseAction.Fail);
        OutcomeReason = r.Reason!.Trim();
        AdvisedRoute = r.AdvisedRoute;
        EndedAt = at;
        TellAgency(Change(ctx, at, "failed", new { r.AdvisedRoute }).Publish(new CaseUnresolved(Id, Version, at, ctx.Now, AdvisedRoute!.Value)),
            IntakeChanged.Completed, at, ctx);
    }

    /// <summary>撤回 → withdrawn (mediation is voluntary: a party may end it, 人民调解法 Art. 3).</summary>
    public void Withdraw(ReasonCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Withdraw, r.OccurredAt, ctx);
        v.Require("reason", r.Reason, 2000);
        v.ThrowIfInvalid();
        MoveTo(CaseAction.Withdraw);
        OutcomeReason = r.Reason!.Trim();
        EndedAt = at;
        TellAgency(Change(ctx, at, "withdrawn", null).Publish(new CaseWithdrawn(Id, Version, at, ctx.Now)), IntakeChanged.Completed, at, ctx);
    }

    /// <summary>司法确认: applied within 30 days of the agreement, then confirmed or rejected by the court.</summary>
    public void RecordJudicialConfirmation(JudicialConfirmationCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.JudicialConfirmation, r.OccurredAt, ctx);
        if (r.Status is null) v.Add("status", "'status' is required: applied, confirmed or rejected.");
        v.MaxLength("court", r.Court, 200).MaxLength("note", r.Note, 2000);
        if (r.Status == Contracts.JudicialConfirmationStatus.Applied && at > JudicialConfirmationDueAt)
            v.Add("occurredAt", $"Judicial confirmation must be applied for within 30 days of the agreement (by {JudicialConfirmationDueAt:O}; {LawInForce.JudicialConfirmationBasis(EndedAt!.Value)}).");
        if (r.Status is Contracts.JudicialConfirmationStatus.Confirmed or Contracts.JudicialConfirmationStatus.Rejected
            && JudicialConfirmationStatus != Contracts.JudicialConfirmationStatus.Applied)
            v.Add("status", "Only an application that was made can be confirmed or rejected.");
        if (r.Status == Contracts.JudicialConfirmationStatus.Applied && JudicialConfirmationStatus is not null)
            v.Add("status", "Judicial confirmation was already applied for.");
        v.ThrowIfInvalid();
        JudicialConfirmationStatus = r.Status;
        Change(ctx, at, "judicial_confirmation", new { r.Status, r.Court, r.Note, basis = LawInForce.JudicialConfirmationArticle(at) }).Publish(Updated("judicial_confirmation", at, ctx.Now) with { JudicialConfirmation = r.Status });
    }

    /// <summary>回访 after resolution: whether the agreement was performed.</summary>
    public void RecordFollowUp(FollowUpCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.FollowUp, r.OccurredAt, ctx);
        if (r.Performed is null) v.Add("performed", "'performed' is required.");
        v.Require("note", r.Note, 2000);
        var performedTerms = (r.PerformedObligations ?? []).Distinct().Order().ToList();
        if (performedTerms.Count > 0 && r.Performed != true)
            v.Add("performedObligations", "Terms can be found performed only by a follow-up with 'performed': true.");
        foreach (var i in performedTerms.Where(i => i < 0 || i >= Obligations.Count))
            v.Add("performedObligations", $"The agreement has no term {i} (it has {Obligations.Count}: 0–{Obligations.Count - 1}).");
        v.ThrowIfInvalid();
        FollowUps++;
        if (performedTerms.Count > 0)
            Obligations = Obligations.Select((o, i) => performedTerms.Contains(i) && o.PerformedAt is null ? o with { PerformedAt = at } : o).ToList();
        var firstPerformed = r.Performed == true && PerformedAt is null;
        if (firstPerformed) PerformedAt = at;
        var change = Change(ctx, at, "follow_up", new { r.Performed, r.Satisfied, r.Note, performedObligations = performedTerms.Count > 0 ? performedTerms : null }).Publish(Updated("follow_up", at, ctx.Now) with { Performed = firstPerformed ? true : null });
        // the police need to know a performed agreement (公安机关办理行政案件程序规定 Art. 186: then no 治安 penalty)
        if (firstPerformed) TellAgency(change, IntakeChanged.Performed, at, ctx);
    }

    /// <summary>The agreement's terms (协议内容: who does what, amount, by when), in the order given; empty when only a summary was given.</summary>
    public List<Obligation> Obligations { get; private set; } = [];

    private List<Obligation> CheckObligations(IReadOnlyList<ObligationInput>? terms, DateTimeOffset agreedAt, Validation v)
    {
        if (terms is null) return [];
        if (terms.Count > ResolveCommand.MaxObligations)
            v.Add("obligations", $"At most {ResolveCommand.MaxObligations} terms.");
        var result = new List<Obligation>();
        var parties = PartiesInOrder;
        for (var i = 0; i < terms.Count && i < ResolveCommand.MaxObligations; i++)
        {
            var t = terms[i];
            var field = $"obligations[{i}]";
            if (t is null) { v.Add(field, "A term may not be null."); continue; }
            var party = t.Party is { } n && n >= 0 && n < parties.Count ? parties[n] : null;
            if (party is null) v.Add($"{field}.party", $"'party' is the index of the obliged party in the case's 'parties' (0–{parties.Count - 1}).");
            v.Require($"{field}.what", t.What, 1000);
            if (t.Amount is < 0 or > 999_999_999_999m) v.Add($"{field}.amount", "'amount' must be 0–999999999999.");
            if (t.DueAt is { } due && due < agreedAt) v.Add($"{field}.dueAt", "'dueAt' may not lie before the agreement.");
            result.Add(new Obligation(party?.Id ?? Guid.Empty, t.What?.Trim() ?? "", t.Amount, t.DueAt));
        }
        return result;
    }

    /// <summary>What the mediation prevented (防止民转刑, 群体性上访, 群体性械斗, 自杀), by kind and persons; empty when nothing.</summary>
    public List<Prevention> Prevented { get; private set; } = [];

    private List<Prevention> CheckPrevented(ResolveCommand r, Validation v)
    {
        if (r.Prevented is null)
            // the older boolean alone: a criminal case prevented, the people involved as persons
            return r.EscalationPrevented == true ? [new Prevention(PreventedKind.CriminalCase, Math.Max(1, PartyCount))] : [];
        var result = new List<Prevention>();
        for (var i = 0; i < r.Prevented.Count; i++)
        {
            var p = r.Prevented[i];
            var field = $"prevented[{i}]";
            if (p is null) { v.Add(field, "A prevention may not be null."); continue; }
            if (p.Kind is null) v.Add($"{field}.kind", "'kind' is required: criminal_case, group_petition, group_fight or suicide.");
            else if (result.Any(x => x.Kind == p.Kind)) v.Add($"{field}.kind", "Each kind once.");
            if (p.Persons is null or < 1 or > 100_000) v.Add($"{field}.persons", "'persons' is 1–100000: how many people it concerned.");
            if (p.Kind is { } kind && p.Persons is { } persons) result.Add(new Prevention(kind, persons));
        }
        if (r.EscalationPrevented == false && result.Any(x => x.Kind == PreventedKind.CriminalCase))
            v.Add("escalationPrevented", "'escalationPrevented' false contradicts a prevented criminal_case.");
        return result;
    }
}
