using MassTransit;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Referrals;

/// <summary>Routes a referral to the organisation of the requested agency that serves the case's region.</summary>
public sealed class CaseReferredConsumer(MediatorsDbContext db) : InboxConsumer<CaseReferred, MediatorsDbContext>(db)
{
    public static OrganizationKind? KindFor(Agency agency) => agency switch
    {
        Agency.Police => OrganizationKind.PoliceStation,
        Agency.Court => OrganizationKind.Court,
        Agency.PetitionOffice => OrganizationKind.PetitionOffice,
        Agency.JudicialOffice => OrganizationKind.JudicialOffice,
        Agency.SafetyOffice => OrganizationKind.SafetyOffice,
        _ => null,
    };

    protected override async Task ApplyAsync(CaseReferred m, ConsumeContext<CaseReferred> context, CancellationToken ct)
    {
        if (await Db.Referrals.AnyAsync(r => r.Id == m.ReferralId, ct)) return;
        Organization? organization = null;
        if (KindFor(m.Agency) is { } kind)
        {
            var places = new[] { m.RegionCode, m.TownCode, m.DistrictCode }.OfType<string>().ToList();
            // the most local organisation first: one serving the village, then the town, then the district
            var candidates = await Db.Organizations.AsNoTracking()
                .Where(o => o.Kind == kind && o.ServesRegionCodes.Any(r => places.Contains(r))).ToListAsync(ct);
            organization = places.Select(p => candidates.Where(o => o.ServesRegionCodes.Contains(p)).OrderBy(o => o.Name).FirstOrDefault())
                .FirstOrDefault(o => o is not null);
        }
        var organizationId = organization?.Id;
        var now = DateTimeOffset.UtcNow;
        var referral = new Referral
        {
            Id = m.ReferralId, CaseId = m.CaseId, CaseNumber = m.Number, Title = m.Title, Kind = m.Kind, Category = m.Category,
            Agency = m.Agency, Reason = m.Reason, Whole = m.Whole, RegionCode = m.RegionCode, TownCode = m.TownCode,
            DistrictCode = m.DistrictCode, PartyNames = m.PartyNames.ToList(), OrganizationId = organizationId,
            Status = ReferralStatus.Pending, ReferredAt = m.OccurredAt, LastOccurredAt = m.OccurredAt, CreatedAt = now, UpdatedAt = now,
        };
        Db.Referrals.Add(referral);
        if (organization is not null) WebhookOutbox.Enqueue(Db, organization, WebhookOutbox.Created, referral, m.OccurredAt);
    }
}

public sealed record ReferralResponse(
    Guid Id, Guid CaseId, string CaseNumber, string Title, CaseKind Kind, DisputeCategory Category, Agency Agency, string Reason,
    bool Whole, string RegionCode, IReadOnlyList<string> PartyNames, Guid? OrganizationId, ReferralStatus Status,
    ReferralOutcome? Outcome, string? Summary, string? DeclineReason, DateTimeOffset ReferredAt, DateTimeOffset UpdatedAt)
{
    public static ReferralResponse From(Referral r) => new(r.Id, r.CaseId, r.CaseNumber, r.Title, r.Kind, r.Category, r.Agency,
        r.Reason, r.Whole, r.RegionCode, r.PartyNames, r.OrganizationId, r.Status, r.Outcome, r.Summary, r.DeclineReason, r.ReferredAt, r.UpdatedAt);
}

public sealed record StepRequest(DateTimeOffset? OccurredAt);
public sealed record DeclineRequest(string? Reason, DateTimeOffset? OccurredAt);
public sealed record CompleteRequest(ReferralOutcome? Outcome, string? Summary, DateTimeOffset? OccurredAt);

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
        g.MapGet("/", List).WithSummary("Referrals in the caller's inbox (`?status=&agency=`; `status=unrouted` for supervisors)")
            .WithDescription("A liaison (police_liaison, court_liaison) or an agency system with client credentials sees only its own organisation's referrals; supervisors see those of their jurisdiction, admins all. Each carries only what the agency needs: number, title, category, place, parties' names — no ID numbers or phones.");
        g.MapGet("/{id:guid}", Get).WithSummary("One referral (404 when it is not the caller's agency's)")
            .WithDescription("Another agency's referral answers 404, not 403, so its existence is not disclosed.");
        g.MapPost("/{id:guid}/accept", Accept).WithSummary("Accept a pending referral (接收)")
            .WithDescription("Optional `occurredAt` (not in the future). Publishes ReferralAccepted, which the case service puts on the case's timeline; 409 unless the referral is pending.");
        g.MapPost("/{id:guid}/decline", Decline).WithSummary("Decline a pending referral with a reason (退回)")
            .WithDescription("`reason` is required. Publishes ReferralDeclined, which goes back onto the case; 409 unless the referral is pending.");
        g.MapPost("/{id:guid}/complete", Complete).WithSummary("Report the outcome of an accepted referral (反馈结果): resolved | unresolved | handled")
            .WithDescription("`outcome` and `summary` are required. Publishes ReferralCompleted, which goes back onto the case's timeline; 409 unless the referral was accepted.");
    }

    private static bool IsLiaison(CurrentUser u) => !u.IsAdmin && !u.IsIn(Roles.Supervisor);

    private static bool CanSee(CurrentUser u, Referral r) =>
        u.IsAdmin
        || (u.IsIn(Roles.Supervisor) && u.Covers(r.RegionCode, r.TownCode, r.DistrictCode))
        || (u.OrganizationId is { } org && r.OrganizationId == org);

    private static async Task<IResult> List(string? status, string? agency, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation();
        var unrouted = status == "unrouted";
        var statusFilter = unrouted ? null : SnakeEnum.Filter<ReferralStatus>(status, "status", v);
        var agencyFilter = SnakeEnum.Filter<Agency>(agency, "agency", v);
        if (!v.IsValid) return v.Problem();
        var q = db.Referrals.AsNoTracking();
        if (IsLiaison(user))
        {
            if (user.OrganizationId is not { } org || unrouted) return TypedResults.Ok(new List<ReferralResponse>());
            q = q.Where(r => r.OrganizationId == org);
        }
        else if (!user.IsAdmin)
        {
            var regions = user.RegionCodes.ToList();
            q = q.Where(r => regions.Contains(r.RegionCode) || (r.TownCode != null && regions.Contains(r.TownCode))
                || (r.DistrictCode != null && regions.Contains(r.DistrictCode)));
        }
        if (unrouted) q = q.Where(r => r.OrganizationId == null);
        if (statusFilter is { } s) q = q.Where(r => r.Status == s);
        if (agencyFilter is { } a) q = q.Where(r => r.Agency == a);
        var list = await q.OrderByDescending(r => r.ReferredAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(ReferralResponse.From).ToList());
    }

    private static async Task<IResult> Get(Guid id, MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        var r = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return r is null || !CanSee(user, r) ? TypedResults.NotFound() : TypedResults.Ok(ReferralResponse.From(r));
    }

    private delegate object? Step(Referral r, DateTimeOffset at, DateTimeOffset now, Validation v);

    private static async Task<IResult> RunAsync(Guid id, DateTimeOffset? occurredAt, ReferralStatus from, ReferralStatus to, string webhookEvent,
        MediatorsDbContext db, CurrentUser user, Step step, CancellationToken ct)
    {
        var r = await db.Referrals.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || !CanSee(user, r)) return TypedResults.NotFound();
        if (r.OrganizationId is null)
            return TypedResults.Problem(statusCode: 409, title: "Unrouted referral", detail: "No organisation of this agency serves the case's region yet.");
        if (r.Status != from)
            return TypedResults.Problem(statusCode: 409, title: "Action not allowed in this status",
                detail: $"The referral is {SnakeEnum.Name(r.Status)}; this action needs {SnakeEnum.Name(from)}.",
                extensions: new Dictionary<string, object?> { ["currentStatus"] = SnakeEnum.Name(r.Status) });
        var now = DateTimeOffset.UtcNow;
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

    private static Task<IResult> Accept(Guid id, StepRequest? request, MediatorsDbContext db, CurrentUser user, CancellationToken ct) =>
        RunAsync(id, request?.OccurredAt, ReferralStatus.Pending, ReferralStatus.Accepted, WebhookOutbox.Accepted, db, user,
            (r, at, now, v) => new ReferralAccepted(r.Id, r.CaseId, r.OrganizationId!.Value, user.Id, at, now), ct);

    private static Task<IResult> Decline(Guid id, DeclineRequest request, MediatorsDbContext db, CurrentUser user, CancellationToken ct) =>
        RunAsync(id, request.OccurredAt, ReferralStatus.Pending, ReferralStatus.Declined, WebhookOutbox.Declined, db, user, (r, at, now, v) =>
        {
            v.Require("reason", request.Reason, 2000);
            if (!v.IsValid) return null;
            r.DeclineReason = request.Reason!.Trim();
            return new ReferralDeclined(r.Id, r.CaseId, r.OrganizationId!.Value, user.Id, at, now, r.DeclineReason);
        }, ct);

    private static Task<IResult> Complete(Guid id, CompleteRequest request, MediatorsDbContext db, CurrentUser user, CancellationToken ct) =>
        RunAsync(id, request.OccurredAt, ReferralStatus.Accepted, ReferralStatus.Completed, WebhookOutbox.Completed, db, user, (r, at, now, v) =>
        {
            if (request.Outcome is null) v.Add("outcome", "'outcome' is required: resolved, unresolved or handled.");
            v.Require("summary", request.Summary, 4000);
            if (!v.IsValid) return null;
            r.Outcome = request.Outcome;
            r.Summary = request.Summary!.Trim();
            return new ReferralCompleted(r.Id, r.CaseId, r.OrganizationId!.Value, user.Id, at, now, request.Outcome!.Value, r.Summary);
        }, ct);
}
