using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain;

// Petition actions: registered → accepted | not_accepted | transferred → concluded → under_review → review_concluded, under
// the regulation in force on the day the matter was received (Regulation: 信访条例 2005 before 2022-05-01, then
// 信访工作条例 2022). Each entry names the article its period comes from (basis).
public sealed partial class Case
{
    /// <summary>
    /// 受理 (within 15 days: 信访工作条例 Art. 22, 23; 信访条例 2005 Art. 21, 22). The 60-day conclusion period starts —
    /// for a claim (信访工作条例 Art. 34), for every matter received before 2022-05-01 (信访条例 2005 Art. 33).
    /// </summary>
    public void Accept(StepCommand r, CaseContext ctx)
    {
        var (at, _) = Begin(CaseAction.Accept, r.OccurredAt, ctx);
        MoveTo(CaseAction.Accept);
        AcceptedAt = at;
        RecomputeDeadlines(ctx.Clock); // the entry names the new due date
        Change(ctx, at, "accepted", new { conclusionDueAt = ConclusionDueAt, basis = HasConclusionPeriod ? Regulation.Conclusion : Regulation.Acceptance })
            .Publish(new PetitionAccepted(Id, Version, at, ctx.Now, ConclusionDueAt));
    }

    // 不予受理: Case.Links.cs (with a reason, or as a repeat of a closed matter)

    /// <summary>
    /// 办结 with a written opinion (信访工作条例 Art. 32; 信访条例 2005 Art. 32): support, explain or not support. On time
    /// when by the (possibly extended) due date; a matter without a statutory period (a suggestion or accusation received
    /// from 2022-05-01) is on time. The petitioner's 30-day review window runs from <c>deliveredAt</c> (default: the conclusion).
    /// </summary>
    public void Conclude(ConcludeCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Conclude, r.OccurredAt, ctx);
        ValidateOpinion(r, at, ctx, v);
        v.ThrowIfInvalid();
        MoveTo(CaseAction.Conclude);
        Opinion = r.Opinion;
        OpinionSummary = r.Summary!.Trim();
        HandlingOpinion = Opinion;
        HandlingOpinionSummary = OpinionSummary;
        ConcludedAt = at;
        ReplyDeliveredAt = r.DeliveredAt ?? at;
        EndedAt = at;
        ConcludedOnTime = ConclusionDueAt is null || at <= ConclusionDueAt;
        RecomputeDeadlines(ctx.Clock);
        Change(ctx, at, "concluded", new { r.Opinion, onTime = ConcludedOnTime, deliveredAt = ReplyDeliveredAt, reviewDueAt = ReviewDueAt, basis = Regulation.Opinion })
            .Publish(new PetitionConcluded(Id, Version, at, ctx.Now, Opinion!.Value, ConcludedOnTime.Value));
    }

    /// <summary>
    /// 复查 within 30 days of receiving the reply (信访工作条例 Art. 35; 信访条例 2005 Art. 34), or after a review 复核
    /// within 30 days of its answer (Art. 36; 2005: Art. 35). After a second review the matter is closed: a third request
    /// is not allowed (409).
    /// </summary>
    public void RequestReview(ReviewCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Review, r.OccurredAt, ctx);
        v.Require("reason", r.Reason, 2000);
        if (r.Level is null) v.Add("level", "'level' is required: review or second_review.");
        else if (Status == CaseStatus.Concluded && r.Level != Contracts.ReviewLevel.Review) v.Add("level", "The first request after the reply is a review (复查).");
        else if (Status == CaseStatus.ReviewConcluded && r.Level != Contracts.ReviewLevel.SecondReview)
            v.Add("level", "After a review only a second review (复核) may follow; after a second review the matter is closed.");
        if (ReviewDueAt is { } window && at > window) v.Add("occurredAt", $"A review must be requested within 30 days of receiving the reply (by {window:O}).");
        v.ThrowIfInvalid();
        MoveTo(CaseAction.Review);
        ReviewLevel = r.Level;
        ReviewRequestedAt = at;
        RecomputeDeadlines(ctx.Clock);
        Change(ctx, at, "review_requested", new { r.Level, r.Reason, answerDueAt = ReviewDueAt, basis = Regulation.ReviewArticle(r.Level) })
            .Publish(new PetitionReviewRequested(Id, Version, at, ctx.Now, ReviewLevel!.Value));
    }

    /// <summary>复查意见 / 复核意见, answered within 30 days of the request (Art. 35, 36).</summary>
    public void ConcludeReview(ConcludeCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.ConcludeReview, r.OccurredAt, ctx);
        ValidateOpinion(r, at, ctx, v);
        v.ThrowIfInvalid();
        MoveTo(CaseAction.ConcludeReview);
        Opinion = r.Opinion;
        OpinionSummary = r.Summary!.Trim();
        ReviewReplyDeliveredAt = r.DeliveredAt ?? at;
        ReviewConcludedAt = at;
        // a second review may still follow a first review, within 30 days of receiving this answer
        Change(ctx, at, "review_concluded", new { ReviewLevel, r.Opinion, deliveredAt = ReviewReplyDeliveredAt, basis = Regulation.ReviewArticle(ReviewLevel) })
            .Publish(new PetitionReviewConcluded(Id, Version, at, ctx.Now, ReviewLevel!.Value, Opinion!.Value));
    }

    private static void ValidateOpinion(ConcludeCommand r, DateTimeOffset at, CaseContext ctx, Validation v)
    {
        if (r.Opinion is null) v.Add("opinion", "'opinion' is required: support, explain or not_support.");
        v.Require("summary", r.Summary, 4000);
        v.NotInFuture("deliveredAt", r.DeliveredAt, ctx.Now);
        if (r.DeliveredAt is { } delivered && delivered < at) v.Add("deliveredAt", "'deliveredAt' may not lie before the reply was issued.");
    }

    /// <summary>
    /// 延期, before the running period ends (ADR 0012: an extension after the due date would hide a missed deadline).
    /// Dispute: the mediation month, with both parties' consent. Petition: the 60 days, once, by at most 30 days, with
    /// the reason told to the petitioner — a claim's (信访工作条例 Art. 34), any matter's received before 2022-05-01
    /// (信访条例 2005 Art. 33).
    /// </summary>
    public void Extend(ExtendCommand r, CaseContext ctx)
    {
        var (at, v) = Begin(CaseAction.Extend, r.OccurredAt, ctx);
        v.Require("reason", r.Reason, 2000);
        var max = Kind == CaseKind.Petition ? LegalClock.PetitionMaxExtensionDays : LegalClock.DisputeMaxExtensionDays;
        if (r.Days is null or < 1 || r.Days > max) v.Add("days", $"'days' must be 1–{max}.");
        if (Kind == CaseKind.Petition && !HasConclusionPeriod)
            v.Add("days", $"Only a claim (申诉求决类) has the 60-day conclusion period that may be extended ({Regulation.Conclusion}; this matter was received on or after 2022-05-01).");
        else if (Kind == CaseKind.Petition && ExtensionDays > 0) v.Add("days", "A petition's conclusion period may be extended only once.");
        if (Kind == CaseKind.Dispute && Source == CaseSource.CourtEntrusted && r.PartiesConsent != true)
            v.Add("partiesConsent", $"A court-entrusted mediation is extended only with both parties' consent ({LawInForce.CourtEntrustedPeriodBasis}): set 'partiesConsent' to true.");
        if (CurrentDeadline() is { } running && at > running.DueAt)
            v.Add("occurredAt", $"The {running.Name} period ended {running.DueAt:O}; an extension must be granted before it ends.");
        v.ThrowIfInvalid();
        var days = r.Days!.Value;
        ExtensionDays += days;
        RecomputeDeadlines(ctx.Clock);
        var deadline = Kind == CaseKind.Dispute ? CaseDeadline.Mediation : CaseDeadline.Conclusion;
        var due = (Kind == CaseKind.Dispute ? MediationDueAt : ConclusionDueAt)!.Value;
        var basis = Kind == CaseKind.Dispute ? CurrentDeadlineBasis() : Regulation.Conclusion;
        Change(ctx, at, "deadline_extended", new { deadline, days, dueAt = due, reason = r.Reason, partiesConsent = r.PartiesConsent, basis })
            .Publish(new DeadlineExtended(Id, Version, at, ctx.Now, deadline, days, due));
    }
}
