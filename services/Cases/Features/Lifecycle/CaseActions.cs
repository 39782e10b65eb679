using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Cases.Features.Lifecycle;

public sealed record OccurredRequest(DateTimeOffset? OccurredAt);
public sealed record ResolveRequest(AgreementType? AgreementType, string? AgreementSummary, decimal? AmountAgreed,
    DateTimeOffset? PerformanceDueAt, bool? EscalationPrevented, DateTimeOffset? OccurredAt);
public sealed record FailRequest(string? Reason, AdvisedRoute? AdvisedRoute, DateTimeOffset? OccurredAt);
public sealed record ReasonRequest(string? Reason, DateTimeOffset? OccurredAt);
public sealed record ExtendRequest(int? Days, string? Reason, DateTimeOffset? OccurredAt);
public sealed record JudicialConfirmationRequest(JudicialConfirmationStatus? Status, string? Court, string? Note, DateTimeOffset? OccurredAt);
public sealed record FollowUpRequest(bool? Performed, bool? Satisfied, string? Note, DateTimeOffset? OccurredAt);
public sealed record ConcludeRequest(Opinion? Opinion, string? Summary, DateTimeOffset? OccurredAt);
public sealed record ReviewRequest(ReviewLevel? Level, string? Reason, DateTimeOffset? OccurredAt);
public sealed record NoteRequest(string? Text, DateTimeOffset? OccurredAt);

/// <summary>The dispute and petition actions of api.md. Every one goes through <see cref="CaseCommand"/>.</summary>
public static class CaseActions
{
    public static void MapCaseActions(this RouteGroupBuilder g)
    {
        const string ifMatch = " Send `If-Match` with the ETag you read to get 412 instead of overwriting a newer change; `Idempotency-Key` makes a retry safe. Wrong status → 409 naming the current status and the allowed actions.";
        g.MapPost("/{id:guid}/start-mediation", StartMediation).WithSummary("Start mediating a dispute (开始调解)").WithDescription("assigned/registered → mediating." + ifMatch);
        g.MapPost("/{id:guid}/resolve", Resolve).WithSummary("Record the agreement (调解成功) → resolved").WithDescription("`agreementType` written|oral; an oral agreement's content goes in `agreementSummary`. Opens the 30-day judicial-confirmation window." + ifMatch);
        g.MapPost("/{id:guid}/fail", Fail).WithSummary("Terminate failed mediation (调解不成) → unresolved").WithDescription("`advisedRoute`: litigation, arbitration, administrative, other — the route the parties were told of." + ifMatch);
        g.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("The applicant withdraws (撤回) → withdrawn").WithDescription(ifMatch);
        g.MapPost("/{id:guid}/extend", Extend).WithSummary("Extend the deadline (延期)").WithDescription("Dispute: the one-month mediation period, with both parties' consent. Petition: the 60-day conclusion period, once, by at most 30 days, with the reason given to the petitioner." + ifMatch);
        g.MapPost("/{id:guid}/judicial-confirmation", JudicialConfirmation).WithSummary("Judicial confirmation of the agreement (司法确认)").WithDescription("applied (within 30 days of the agreement) | confirmed | rejected." + ifMatch);
        g.MapPost("/{id:guid}/follow-ups", FollowUp).WithSummary("A follow-up visit after resolution (回访)").WithDescription("Whether the agreement was performed and the parties satisfied." + ifMatch);
        g.MapPost("/{id:guid}/accept", Accept).WithSummary("Accept a petition (受理) → accepted").WithDescription("Within 15 days of registration; conclusion due 60 days later." + ifMatch);
        g.MapPost("/{id:guid}/not-accept", NotAccept).WithSummary("Do not accept a petition (不予受理), with a reason → not_accepted").WithDescription(ifMatch);
        g.MapPost("/{id:guid}/conclude", Conclude).WithSummary("Conclude a petition with a written opinion (办结) → concluded").WithDescription("`opinion`: support | explain | not_support. On time when by the (possibly extended) due date." + ifMatch);
        g.MapPost("/{id:guid}/review", Review).WithSummary("The petitioner requests a review (复查) or second review (复核) → under_review").WithDescription("Within 30 days of the reply; a second review only after a review." + ifMatch);
        g.MapPost("/{id:guid}/review/conclude", ConcludeReview).WithSummary("Answer the review (复查/复核意见) → review_concluded").WithDescription(ifMatch);
        g.MapPost("/{id:guid}/notes", Note).WithSummary("Add a note to the case (备注)").WithDescription("Allowed in every status." + ifMatch);
    }

    private static CaseUpdated Updated(Case c, string change, int version, DateTimeOffset at, DateTimeOffset now) =>
        new(c.Id, version, at, now, change, c.Status, c.Category, c.RiskLevel, c.AssignedMediatorId);

    private static Task<IResult> StartMediation(Guid id, OccurredRequest? r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.StartMediation, r?.OccurredAt, r, (c, at, now, v) =>
            new ActionEffect("mediation_started", null, (ver, o, n) => new MediationStarted(c.Id, ver, o, n)), ct);

    private static Task<IResult> Resolve(Guid id, ResolveRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Resolve, r.OccurredAt, r, (c, at, now, v) =>
        {
            if (r.AgreementType is null) v.Add("agreementType", "'agreementType' is required: written or oral.");
            v.Require("agreementSummary", r.AgreementSummary, 4000);
            if (r.AmountAgreed is < 0) v.Add("amountAgreed", "'amountAgreed' may not be negative.");
            if (r.PerformanceDueAt is { } due && due < at) v.Add("performanceDueAt", "'performanceDueAt' may not lie before the agreement.");
            if (!v.IsValid) return null;
            c.AgreementType = r.AgreementType;
            c.AgreementSummary = r.AgreementSummary!.Trim();
            c.AmountAgreed = r.AmountAgreed;
            c.PerformanceDueAt = r.PerformanceDueAt;
            c.EscalationPrevented = r.EscalationPrevented ?? false;
            c.JudicialConfirmationDueAt = LegalClock.AddDays(at, LegalClock.JudicialConfirmationDays);
            c.EndedAt = at;
            return new ActionEffect("resolved", new { r.AgreementType, r.AmountAgreed, c.EscalationPrevented },
                (ver, o, n) => new CaseResolved(c.Id, ver, o, n, r.AgreementType!.Value, r.AmountAgreed, c.EscalationPrevented, c.JudicialConfirmationDueAt.Value));
        }, ct);

    private static Task<IResult> Fail(Guid id, FailRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Fail, r.OccurredAt, r, (c, at, now, v) =>
        {
            v.Require("reason", r.Reason, 2000);
            if (r.AdvisedRoute is null) v.Add("advisedRoute", "'advisedRoute' is required: litigation, arbitration, administrative or other.");
            if (!v.IsValid) return null;
            c.OutcomeReason = r.Reason!.Trim();
            c.AdvisedRoute = r.AdvisedRoute;
            c.EndedAt = at;
            return new ActionEffect("failed", new { r.AdvisedRoute }, (ver, o, n) => new CaseUnresolved(c.Id, ver, o, n, r.AdvisedRoute!.Value));
        }, ct);

    private static Task<IResult> Withdraw(Guid id, ReasonRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Withdraw, r.OccurredAt, r, (c, at, now, v) =>
        {
            v.Require("reason", r.Reason, 2000);
            if (!v.IsValid) return null;
            c.OutcomeReason = r.Reason!.Trim();
            c.EndedAt = at;
            return new ActionEffect("withdrawn", null, (ver, o, n) => new CaseWithdrawn(c.Id, ver, o, n));
        }, ct);

    private static Task<IResult> Extend(Guid id, ExtendRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Extend, r.OccurredAt, r, (c, at, now, v) =>
        {
            v.Require("reason", r.Reason, 2000);
            var max = c.Kind == CaseKind.Petition ? LegalClock.PetitionMaxExtensionDays : 90;
            if (r.Days is null or < 1 || r.Days > max) v.Add("days", $"'days' must be 1–{max}.");
            if (c.Kind == CaseKind.Petition && c.ExtensionDays > 0) v.Add("days", "A petition's conclusion period may be extended only once.");
            if (!v.IsValid) return null;
            var days = r.Days!.Value;
            c.ExtensionDays += days;
            string deadline;
            DateTimeOffset due;
            if (c.Kind == CaseKind.Dispute)
            {
                deadline = "mediation";
                due = LegalClock.EndOfDay(LegalClock.CstDate(c.MediationDueAt ?? at).AddDays(days));
                c.MediationDueAt = due;
            }
            else
            {
                deadline = "conclusion";
                due = LegalClock.EndOfDay(LegalClock.CstDate(c.ConclusionDueAt ?? at).AddDays(days));
                c.ConclusionDueAt = due;
            }
            return new ActionEffect("deadline_extended", new { deadline, days, dueAt = due, reason = r.Reason },
                (ver, o, n) => new DeadlineExtended(c.Id, ver, o, n, deadline, days, due));
        }, ct);

    private static Task<IResult> JudicialConfirmation(Guid id, JudicialConfirmationRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.JudicialConfirmation, r.OccurredAt, r, (c, at, now, v) =>
        {
            if (r.Status is null) v.Add("status", "'status' is required: applied, confirmed or rejected.");
            v.MaxLength("court", r.Court, 200).MaxLength("note", r.Note, 2000);
            if (r.Status == JudicialConfirmationStatus.Applied && at > c.JudicialConfirmationDueAt)
                v.Add("occurredAt", "Judicial confirmation must be applied for within 30 days of the agreement.");
            if (r.Status is JudicialConfirmationStatus.Confirmed or JudicialConfirmationStatus.Rejected && c.JudicialConfirmationStatus != JudicialConfirmationStatus.Applied)
                v.Add("status", "Only an application that was made can be confirmed or rejected.");
            if (r.Status == JudicialConfirmationStatus.Applied && c.JudicialConfirmationStatus is not null)
                v.Add("status", "Judicial confirmation was already applied for.");
            if (!v.IsValid) return null;
            c.JudicialConfirmationStatus = r.Status;
            return new ActionEffect("judicial_confirmation", new { r.Status, r.Court, r.Note },
                (ver, o, n) => Updated(c, "judicial_confirmation", ver, o, n));
        }, ct);

    private static Task<IResult> FollowUp(Guid id, FollowUpRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.FollowUp, r.OccurredAt, r, (c, at, now, v) =>
        {
            if (r.Performed is null) v.Add("performed", "'performed' is required.");
            v.Require("note", r.Note, 2000);
            if (!v.IsValid) return null;
            c.FollowUps++;
            return new ActionEffect("follow_up", new { r.Performed, r.Satisfied, r.Note }, (ver, o, n) => Updated(c, "follow_up", ver, o, n));
        }, ct);

    private static Task<IResult> Accept(Guid id, OccurredRequest? r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Accept, r?.OccurredAt, r, (c, at, now, v) =>
        {
            c.AcceptedAt = at;
            c.ConclusionDueAt = LegalClock.AddDays(at, LegalClock.PetitionConclusionDays);
            return new ActionEffect("accepted", new { conclusionDueAt = c.ConclusionDueAt },
                (ver, o, n) => new PetitionAccepted(c.Id, ver, o, n, c.ConclusionDueAt.Value));
        }, ct);

    private static Task<IResult> NotAccept(Guid id, ReasonRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.NotAccept, r.OccurredAt, r, (c, at, now, v) =>
        {
            v.Require("reason", r.Reason, 2000);
            if (!v.IsValid) return null;
            c.OutcomeReason = r.Reason!.Trim();
            c.EndedAt = at;
            return new ActionEffect("not_accepted", new { reason = c.OutcomeReason }, (ver, o, n) => new PetitionNotAccepted(c.Id, ver, o, n));
        }, ct);

    private static Task<IResult> Conclude(Guid id, ConcludeRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Conclude, r.OccurredAt, r, (c, at, now, v) =>
        {
            if (r.Opinion is null) v.Add("opinion", "'opinion' is required: support, explain or not_support.");
            v.Require("summary", r.Summary, 4000);
            if (!v.IsValid) return null;
            c.Opinion = r.Opinion;
            c.OpinionSummary = r.Summary!.Trim();
            c.ConcludedAt = at;
            c.EndedAt = at;
            c.ConcludedOnTime = c.ConclusionDueAt is null || at <= c.ConclusionDueAt;
            c.ReviewDueAt = LegalClock.AddDays(at, LegalClock.ReviewRequestDays);
            return new ActionEffect("concluded", new { r.Opinion, onTime = c.ConcludedOnTime },
                (ver, o, n) => new PetitionConcluded(c.Id, ver, o, n, r.Opinion!.Value, c.ConcludedOnTime.Value));
        }, ct);

    private static Task<IResult> Review(Guid id, ReviewRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Review, r.OccurredAt, r, (c, at, now, v) =>
        {
            v.Require("reason", r.Reason, 2000);
            if (r.Level is null) v.Add("level", "'level' is required: review or second_review.");
            else if (c.Status == CaseStatus.Concluded && r.Level != ReviewLevel.Review) v.Add("level", "The first request after the reply is a review (复查).");
            else if (c.Status == CaseStatus.ReviewConcluded && (c.ReviewLevel != ReviewLevel.Review || r.Level != ReviewLevel.SecondReview))
                v.Add("level", "After a review only a second review (复核) may follow; after a second review the matter is closed.");
            if (c.ReviewDueAt is { } window && at > window) v.Add("occurredAt", "A review must be requested within 30 days of the reply.");
            if (!v.IsValid) return null;
            c.ReviewLevel = r.Level;
            c.ReviewDueAt = LegalClock.AddDays(at, LegalClock.ReviewAnswerDays);
            return new ActionEffect("review_requested", new { r.Level, r.Reason }, (ver, o, n) => new PetitionReviewRequested(c.Id, ver, o, n, r.Level!.Value));
        }, ct);

    private static Task<IResult> ConcludeReview(Guid id, ConcludeRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.ConcludeReview, r.OccurredAt, r, (c, at, now, v) =>
        {
            if (r.Opinion is null) v.Add("opinion", "'opinion' is required: support, explain or not_support.");
            v.Require("summary", r.Summary, 4000);
            if (!v.IsValid) return null;
            c.Opinion = r.Opinion;
            c.OpinionSummary = r.Summary!.Trim();
            // a second review may still follow a first review, within 30 days of this answer
            c.ReviewDueAt = c.ReviewLevel == ReviewLevel.Review ? LegalClock.AddDays(at, LegalClock.ReviewRequestDays) : null;
            return new ActionEffect("review_concluded", new { c.ReviewLevel, r.Opinion },
                (ver, o, n) => new PetitionReviewConcluded(c.Id, ver, o, n, c.ReviewLevel!.Value, r.Opinion!.Value));
        }, ct);

    private static Task<IResult> Note(Guid id, NoteRequest r, HttpContext http, CasesDbContext db, CurrentUser user, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Note, r.OccurredAt, r, (c, at, now, v) =>
        {
            v.Require("text", r.Text, 4000);
            if (!v.IsValid) return null;
            return new ActionEffect("note", new { text = r.Text!.Trim() }, (ver, o, n) => Updated(c, "note", ver, o, n));
        }, ct);
}

public sealed record ReferRequest(Agency? Agency, string? Reason, bool? Whole, DateTimeOffset? OccurredAt);

/// <summary><c>POST /api/cases/{id}/referrals</c>: hand the case to another agency (移送) or ask it for help (对接).</summary>
public static class ReferCase
{
    public static void MapReferCase(this RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/referrals", Refer)
            .WithSummary("Refer the case to police (警调), court (诉调), petition office (访调) or another agency")
            .WithDescription("`whole: true` hands the case over (status transferred); otherwise the agency helps and reports back. `respondBy` on the referral: 3 working days for a court, 5 working days (objection to a transfer) for a whole referral elsewhere, none for a help request elsewhere — counted in the working-day calendar (holidays, 调休) from `occurredAt` in CST. The referral appears in that agency's inbox (mediator service); its acceptance, decline and outcome come back onto this case and its timeline. Answers 201 with the case.");

    private static async Task<IResult> Refer(Guid id, ReferRequest r, HttpContext http, CasesDbContext db, CurrentUser user,
        WorkingDayCalendar calendar, CancellationToken ct)
    {
        var referralId = Guid.CreateVersion7();
        var result = await CaseCommand.RunAsync(http, db, user, id, CaseAction.Refer, r.OccurredAt, r, (c, at, now, v) =>
        {
            if (r.Agency is null) v.Add("agency", "'agency' is required: police, court, petition_office, judicial_office, safety_office or other.");
            v.Require("reason", r.Reason, 2000);
            if (r.Whole is null) v.Add("whole", "'whole' is required: true hands the case over, false asks for help.");
            if (!v.IsValid) return null;
            c.Referrals.Add(new CaseReferral
            {
                Id = referralId, CaseId = c.Id, Agency = r.Agency!.Value, Reason = r.Reason!.Trim(), Whole = r.Whole!.Value,
                Status = ReferralStatus.Pending, CreatedAt = now, UpdatedAt = now,
                RespondBy = ReferralDeadlines.WorkingDaysToRespond(r.Agency!.Value, r.Whole!.Value) is { } days ? calendar.AddWorkingDays(at, days) : null,
            });
            if (r.Whole == true)
            {
                c.Status = CaseStatus.Transferred;
                c.EndedAt = at;
            }
            var names = c.Parties.Select(p => p.Name).ToList();
            return new ActionEffect("referred", new { referralId, r.Agency, r.Whole, reason = r.Reason },
                (ver, o, n) => new CaseReferred(c.Id, ver, o, n, referralId, r.Agency!.Value, r.Reason!.Trim(), r.Whole!.Value,
                    c.Number, c.Title, c.Kind, c.Category, c.RegionCode, c.TownCode, c.DistrictCode, names))
            {
                AlsoEvent = r.Whole == true ? (ver, o, n) => new CaseTransferred(c.Id, ver, o, n, r.Agency!.Value) : null,
            };
        }, ct);
        // a referral creates something: 201 with the case, Location of the referral's case
        return result is IStatusCodeHttpResult { StatusCode: 200 } && result is IValueHttpResult { Value: { } value }
            ? TypedResults.Created($"/api/cases/{id}", value)
            : result;
    }
}
