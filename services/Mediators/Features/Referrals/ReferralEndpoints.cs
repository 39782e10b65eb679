using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Referrals;

/// <summary>
/// The liaisons' inbox: police and court liaisons (people or their systems with client credentials) see only their own
/// organisation's referrals — anything else answers 404; supervisors and admins see those of their jurisdiction,
/// including unrouted ones.
/// </summary>
public static class ReferralEndpoints
{
    private static readonly string[] Readers = [Roles.Admin, Roles.Supervisor, Roles.PoliceLiaison, Roles.CourtLiaison, Roles.PetitionOfficer];

    public static void MapReferralEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/referrals").WithTags("Referrals (移送/对接)").RequireAuthorization(p => p.RequireRole(Readers));
        g.MapGet("/", List).Produces<Paged<ReferralResponse>>().ProducesValidationProblem().WithSummary("Referrals in the caller's inbox (`?status=&agency=`; `status=unrouted` for supervisors)")
            .WithDescription("A liaison (police_liaison, court_liaison) or an agency system with client credentials sees only its own organisation's referrals; supervisors see those of their jurisdiction, admins all. Each carries what the agency needs to act: number, title, category, place, `respondBy` — no personal data; the agency reads the parties' names from `GET /api/cases/referrals/{id}/parties` (logged). Newest first, paged `{ items, page, pageSize, total }`.");
        g.MapGet("/{id:guid}", Get).Produces<ReferralResponse>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One referral (404 when it is not the caller's agency's)")
            .WithDescription("Another agency's referral answers 404, not 403, so its existence is not disclosed.");
        g.MapPost("/{id:guid}/accept", Accept).Produces<ReferralResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Accept a pending referral (接收)")
            .WithDescription("Optional `occurredAt` (not in the future). Publishes ReferralAccepted, which the case service puts on the case's timeline; 409 unless the referral is pending.");
        g.MapPost("/{id:guid}/decline", Decline).Produces<ReferralResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Decline a pending referral with a reason (退回)")
            .WithDescription("`reason` is required. Publishes ReferralDeclined, which goes back onto the case; 409 unless the referral is pending.");
        g.MapPost("/{id:guid}/complete", Complete).Produces<ReferralResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Report the outcome of an accepted referral (反馈结果): resolved | unresolved | handled")
            .WithDescription("`outcome` and `summary` are required. Publishes ReferralCompleted, which goes back onto the case's timeline; 409 unless the referral was accepted.");
    }

    private static bool IsLiaison(CurrentUser u) => !u.IsAdmin && !u.IsIn(Roles.Supervisor);

    private static bool CanSee(CurrentUser u, Referral r) =>
        u.IsAdmin
        || (u.IsIn(Roles.Supervisor) && u.Covers(r.Place))
        || (u.OrganizationId is { } org && r.OrganizationId == org);

    /// <summary>
    /// <c>status</c> takes the <see cref="ReferralStatus"/> wire names and <c>unrouted</c>, so it is declared as that list rather
    /// than as <see cref="SnakeEnumOfAttribute"/> (which would refuse <c>unrouted</c>).
    /// </summary>
    private static async Task<Results<Ok<Paged<ReferralResponse>>, ValidationProblem>> List(
        [MaxLength(9), RegularExpression("^(pending|accepted|declined|completed|unrouted)$")] string? status,
        [SnakeEnumOf(typeof(Agency))] string? agency, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 200)] int? pageSize,
        MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, maxSize: 200);
        var unrouted = status == "unrouted";
        var statusFilter = unrouted ? null : SnakeEnum.Filter<ReferralStatus>(status, "status", v);
        var agencyFilter = SnakeEnum.Filter<Agency>(agency, "agency", v);
        if (!v.IsValid) return v.Problem();
        var q = db.Referrals.AsNoTracking();
        if (IsLiaison(user))
        {
            if (user.OrganizationId is not { } org || unrouted) return TypedResults.Ok(new Paged<ReferralResponse>([], paging.Page, paging.Size, 0));
            q = q.Where(r => r.OrganizationId == org);
        }
        else q = user.InRegions(q);
        if (unrouted) q = q.Where(r => r.OrganizationId == null);
        if (statusFilter is { } s) q = q.Where(r => r.Status == s);
        if (agencyFilter is { } a) q = q.Where(r => r.Agency == a);
        return TypedResults.Ok(await q.OrderByDescending(r => r.ReferredAt).ThenBy(r => r.Id).ToPageAsync(paging, ReferralResponse.From, ct));
    }

    private static async Task<Results<Ok<ReferralResponse>, NotFound>> Get(Guid id, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var r = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return r is null || !CanSee(user, r) ? TypedResults.NotFound() : TypedResults.Ok(ReferralResponse.From(r));
    }

    private delegate object? Step(Referral r, DateTimeOffset at, DateTimeOffset now, Validation v);

    private static async Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RunAsync(Guid id, DateTimeOffset? occurredAt, ReferralStatus from, ReferralStatus to, string webhookEvent,
        MediatorsDbContext db, CurrentUser user, TimeProvider clock, Step step, CancellationToken ct)
    {
        var r = await db.Referrals.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || !CanSee(user, r)) return TypedResults.NotFound();
        if (r.OrganizationId is null)
            return TypedResults.Problem(statusCode: 409, title: "Unrouted referral", detail: "No organisation of this agency serves the case's region yet.");
        if (r.Status != from)
            return TypedResults.Problem(statusCode: 409, title: "Action not allowed in this status",
                detail: $"The referral is {SnakeEnum.Name(r.Status)}; this action needs {SnakeEnum.Name(from)}.",
                extensions: new Dictionary<string, object?> { ["currentStatus"] = SnakeEnum.Name(r.Status) });
        var now = clock.GetUtcNow();
        var at = occurredAt ?? now;
        var v = new Validation().NotInFuture("occurredAt", at, now);
        if (at < r.LastOccurredAt) v.Add("occurredAt", "'occurredAt' may not lie before the previous step.");
        var evt = v.IsValid ? step(r, at, now, v) : null;
        if (!v.IsValid || evt is null) return v.Problem();
        r.Status = to;
        r.LastOccurredAt = at;
        r.UpdatedAt = now;
        db.AddOutboxMessage(evt, r.CaseId);
        if (await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == r.OrganizationId, ct) is { } organization)
            WebhookOutbox.Enqueue(db, organization, webhookEvent, r, at);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: 409, title: "Concurrent change", detail: "The referral changed meanwhile; reload it.");
        }
        return TypedResults.Ok(ReferralResponse.From(r));
    }

    private static Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Accept(Guid id, StepRequest? request, MediatorsDbContext db, CurrentUser user, TimeProvider clock,
        CancellationToken ct) =>
        RunAsync(id, request?.OccurredAt, ReferralStatus.Pending, ReferralStatus.Accepted, WebhookOutbox.Accepted, db, user, clock,
            (r, at, now, v) => new ReferralAccepted(r.Id, r.CaseId, r.OrganizationId!.Value, user.Id, at, now), ct);

    private static Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Decline(Guid id, DeclineRequest request, MediatorsDbContext db, CurrentUser user, TimeProvider clock,
        CancellationToken ct) =>
        RunAsync(id, request.OccurredAt, ReferralStatus.Pending, ReferralStatus.Declined, WebhookOutbox.Declined, db, user, clock, (r, at, now, v) =>
        {
            v.Require("reason", request.Reason, 2000);
            if (!v.IsValid) return null;
            r.DeclineReason = request.Reason!.Trim();
            return new ReferralDeclined(r.Id, r.CaseId, r.OrganizationId!.Value, user.Id, at, now, r.DeclineReason);
        }, ct);

    private static Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Complete(Guid id, CompleteRequest request, MediatorsDbContext db, CurrentUser user, TimeProvider clock,
        CancellationToken ct) =>
        RunAsync(id, request.OccurredAt, ReferralStatus.Accepted, ReferralStatus.Completed, WebhookOutbox.Completed, db, user, clock, (r, at, now, v) =>
        {
            if (request.Outcome is null) v.Add("outcome", "'outcome' is required: resolved, unresolved or handled.");
            v.Require("summary", request.Summary, 4000);
            if (!v.IsValid) return null;
            r.Outcome = request.Outcome;
            r.Summary = request.Summary!.Trim();
            return new ReferralCompleted(r.Id, r.CaseId, r.OrganizationId!.Value, user.Id, at, now, request.Outcome!.Value, r.Summary);
        }, ct);
}
