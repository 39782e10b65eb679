using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Domain;

// Repeat matters (重复信访 / 重复申请): links between cases, the possible-duplicate notices, and not accepting a petition
// that repeats a closed matter.
public sealed partial class Case
{
    /// <summary>
    /// 关联 (allowed in every status): links this case to <paramref name="other"/> (null: it does not exist or the caller
    /// may not see it). A change of this case ("linked", CaseLinked); the other case's timeline gets a "linked_from"
    /// notice. <c>repeat_of</c> needs two cases of the same kind. Returns false when the link already exists (nothing changes).
    /// </summary>
    public bool Link(LinkCommand r, Case? other, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Link, r.OccurredAt, ctx);
        if (r.CaseId is null) v.Add("caseId", "'caseId' is required: the case this one is linked to.");
        else if (r.CaseId == Id) v.Add("caseId", "A case cannot be linked to itself.");
        else if (other is null) v.Add("caseId", $"Case {r.CaseId} does not exist or is not visible to you.");
        if (r.Relation is null) v.Add("relation", "'relation' is required: repeat_of or related.");
        else if (r.Relation == CaseRelation.RepeatOf && other is not null && other.Kind != Kind)
            v.Add("relation", "'repeat_of' links two cases of the same kind (a dispute to a dispute, a petition to a petition).");
        v.ThrowIfInvalid();
        if (_links.Any(l => l.LinkedCaseId == other!.Id && l.Relation == r.Relation)) return false;
        AddLink(other!, r.Relation!.Value, at, ctx);
        return true;
    }

    /// <summary>
    /// 不予受理. With <c>repeatOf</c>: the petition repeats a matter whose second review (复核) is concluded, which is not
    /// accepted again (信访工作条例 Art. 36) — in one step the case is linked <c>repeat_of</c> that matter ("linked") and not
    /// accepted ("not_accepted"), the reason defaulting to saying so. Without it a reason is required.
    /// </summary>
    public void NotAccept(NotAcceptCommand r, Case? repeated, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.NotAccept, r.OccurredAt, ctx);
        if (r.RepeatOf is null) v.Require("reason", r.Reason, 2000);
        else
        {
            v.MaxLength("reason", r.Reason, 2000);
            if (r.RepeatOf == Id) v.Add("repeatOf", "A petition cannot repeat itself.");
            else if (repeated is null) v.Add("repeatOf", $"Case {r.RepeatOf} does not exist or is not visible to you.");
            else if (!repeated.MatterClosed)
                v.Add("repeatOf", $"Case {repeated.Number} is not a petition whose second review (复核) is concluded " +
                    $"(it is a {Snake(repeated.Kind)} that is {Snake(repeated.Status)}); only a closed matter is not accepted again (信访工作条例 Art. 36).");
        }
        v.ThrowIfInvalid();
        if (repeated is not null && !_links.Any(l => l.LinkedCaseId == repeated.Id && l.Relation == CaseRelation.RepeatOf))
            AddLink(repeated, CaseRelation.RepeatOf, at, ctx);
        MoveTo(CaseAction.NotAccept);
        OutcomeReason = string.IsNullOrWhiteSpace(r.Reason)
            ? $"同一信访事项已经复核终结（{repeated!.Number}），不再受理（《信访工作条例》第三十六条）。"
            : r.Reason.Trim();
        EndedAt = at;
        Change(ctx, at, "not_accepted", repeated is null ? new { reason = OutcomeReason } : new { reason = OutcomeReason, repeatOf = repeated.Id })
            .Publish(new PetitionNotAccepted(Id, Version, at, ctx.Now));
    }

    /// <summary>不予受理 with a reason (the form without <c>repeatOf</c>).</summary>
    public void NotAccept(ReasonCommand r, CaseContext ctx) => NotAccept(new NotAcceptCommand(r.Reason, null, r.OccurredAt), null, ctx);

    /// <summary>
    /// A newer case may repeat this one's matter (api.md "Repeat matters"): a "possible_duplicate" notice on this case's
    /// timeline, naming the newer case. A finding, not a change: the version stays (ADR 0012, like the overdue notice).
    /// </summary>
    public void NoticePossibleDuplicate(PossibleDuplicate newer, CaseContext ctx) =>
        Notice(ctx, newer.ReceivedAt, "possible_duplicate", new { caseId = newer.Id, number = newer.Number, reason = newer.Reason });

    private static string Snake<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private void AddLink(Case other, CaseRelation relation, DateTimeOffset at, CaseContext ctx)
    {
        _links.Add(new CaseLink(Guid.CreateVersion7(), Id, other.Id, other.Number, relation, at, ctx.Actor));
        Change(ctx, at, "linked", new { caseId = other.Id, number = other.Number, relation }, isStep: false)
            .Publish(new CaseLinked(Id, Version, at, ctx.Now, other.Id, relation));
        other.Notice(ctx, at, "linked_from", new { caseId = Id, number = Number, relation });
    }
}
