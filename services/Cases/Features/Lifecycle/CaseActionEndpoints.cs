using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MediationPlatform.Cases.Features.Lifecycle;

/// <summary>
/// The dispute and petition actions of api.md: each route loads the case, calls one method of the <see cref="Case"/>
/// aggregate and saves it, through <see cref="CaseCommands"/>. The rules are in the aggregate, not here.
/// </summary>
public static class CaseActionEndpoints
{
    public const string Common = " Send `If-Match` with the ETag you read to get 412 instead of overwriting a newer change (without it, a " +
        "concurrent change by someone else is never an error: the action is applied after it); `Idempotency-Key` makes a retry safe. " +
        "Wrong status → 409 naming the current status and the allowed actions.";

    public static void MapCaseActions(this RouteGroupBuilder g)
    {
        MapStep(g, "start-mediation", CaseAction.StartMediation, (c, r, x) => c.StartMediation(r, x),
            "Start mediating a dispute (开始调解)", "assigned/registered → mediating.");
        Map<ResolveCommand>(g, "resolve", CaseAction.Resolve, (c, r, x) => c.Resolve(r, x),
            "Record the agreement (调解成功) → resolved",
            "`agreementType` written|oral; an oral agreement's content goes in `agreementSummary`. Opens the 30-day judicial-confirmation window (人民调解法 Art. 33).");
        Map<FailCommand>(g, "fail", CaseAction.Fail, (c, r, x) => c.Fail(r, x),
            "Terminate failed mediation (调解不成) → unresolved", "`advisedRoute`: litigation, arbitration, administrative, other — the route the parties were told of.");
        Map<ReasonCommand>(g, "withdraw", CaseAction.Withdraw, (c, r, x) => c.Withdraw(r, x), "The applicant withdraws (撤回) → withdrawn", "`reason` is required.");
        Map<ExtendCommand>(g, "extend", CaseAction.Extend, (c, r, x) => c.Extend(r, x), "Extend the deadline (延期)",
            "Dispute: the one-month mediation period, with both parties' consent (1–90 days). Petition: a claim's 60-day conclusion period, " +
            "once, by at most 30 days, with the reason given to the petitioner (信访工作条例 Art. 34); suggestions and accusations have no such period — " +
            "except a matter received before 2022-05-01, which runs under 信访条例 (2005) Art. 33: every type has the 60 days and the one extension. " +
            "Only before the running period ends: an extension after the due date answers 400 on `occurredAt`.");
        Map<JudicialConfirmationCommand>(g, "judicial-confirmation", CaseAction.JudicialConfirmation, (c, r, x) => c.RecordJudicialConfirmation(r, x),
            "Judicial confirmation of the agreement (司法确认)", "applied (within 30 days of the agreement: 人民调解法 Art. 33; 民事诉讼法 Art. 205 since 2024, Art. 201 in 2022–2023, Art. 194 before — the entry cites the one in force) | confirmed | rejected.");
        Map<FollowUpCommand>(g, "follow-ups", CaseAction.FollowUp, (c, r, x) => c.RecordFollowUp(r, x),
            "A follow-up visit after resolution (回访)", "Whether the agreement was performed and the parties satisfied.");
        MapStep(g, "accept", CaseAction.Accept, (c, r, x) => c.Accept(r, x), "Accept a petition (受理) → accepted",
            "Within 15 days of registration (信访工作条例 Art. 22, 23); a claim's conclusion is then due 60 days later (Art. 34) — any matter's, " +
            "when it was received before 2022-05-01 (信访条例 2005 Art. 33). The timeline entry and `deadlines.basis` cite the article in force.");
        // not-accept (with `repeatOf`) and link: Features/RepeatMatters/RepeatMatterEndpoints.cs
        Map<ConcludeCommand>(g, "conclude", CaseAction.Conclude, (c, r, x) => c.Conclude(r, x),
            "Conclude a petition with a written opinion (办结) → concluded",
            "`opinion`: support | explain | not_support. On time when by the (possibly extended) due date. `deliveredAt` (送达, default: now " +
            "or `occurredAt`): when the petitioner received the written reply — the 30-day review window runs from it (Art. 35).");
        Map<ReviewCommand>(g, "review", CaseAction.Review, (c, r, x) => c.RequestReview(r, x),
            "The petitioner requests a review (复查) or second review (复核) → under_review",
            "Within 30 days of receiving the reply; a second review only after a review; after a second review the matter is closed (409).");
        Map<ConcludeCommand>(g, "review/conclude", CaseAction.ConcludeReview, (c, r, x) => c.ConcludeReview(r, x),
            "Answer the review (复查/复核意见) → review_concluded", "Due within 30 days of the request. `deliveredAt` as for conclude.");
        Map<NoteCommand>(g, "notes", CaseAction.Note, (c, r, x) => c.AddNote(r, x), "Add a note to the case (备注)", "Allowed in every status.");
        Map<ReasonCommand>(g, "return", CaseAction.Return, (c, r, x) => c.Return(r, x),
            "Return a handed-in dispute to its agency (退回) → transferred; the intake record → returned",
            "For a dispute a police station, court or petition office handed in (`POST /api/intake`) that may not or cannot be mediated " +
            "here — e.g. a matter the police must decide (公安机关办理行政案件程序规定 Art. 179) or one that may turn criminal (防止民转刑, " +
            "人民调解法 Art. 25). `reason` is required. Any other case → 409 with `allowedActions`. The agency is told (`intake.completed`).");
    }

    /// <summary>An action whose body (<c>{ occurredAt? }</c>) may be left out altogether.</summary>
    private static void MapStep(RouteGroupBuilder g, string route, CaseAction action, Action<Case, StepCommand, CaseContext> call,
        string summary, string description) =>
        g.MapPost($"/{{id:guid}}/{route}", (Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StepCommand? command,
                HttpContext http, CaseStore store, CurrentUser user, CancellationToken ct) =>
                CaseCommands.RunAsync(http, store, user, id, action, (c, ctx) =>
                {
                    call(c, command ?? new StepCommand(null), ctx);
                    return true;
                }, ct))
            .WithName(action.ToString())
            .WithSummary(summary)
            .WithDescription(description + Common)
            .CaseCommand(action);

    private static void Map<TCommand>(RouteGroupBuilder g, string route, CaseAction action, Action<Case, TCommand, CaseContext> call,
        string summary, string description) where TCommand : class
    {
        g.MapPost($"/{{id:guid}}/{route}", (Guid id, TCommand command, HttpContext http, CaseStore store, CurrentUser user, CancellationToken ct) =>
                CaseCommands.RunAsync(http, store, user, id, action, (c, ctx) =>
                {
                    call(c, command, ctx);
                    return true;
                }, ct))
            .WithName(action.ToString())
            .WithSummary(summary)
            .WithDescription(description + Common)
            .CaseCommand(action);
    }
}
