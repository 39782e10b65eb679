using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Cases.Features.Numbering;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Intake;

/// <summary>
/// Intake (三调对接 inbound, api.md "Additions (wave 3)"): police stations, courts and petition offices hand disputes to
/// the township's mediators and follow them. The case is an ordinary dispute made through <see cref="Case.Register"/>
/// (numbering, timeline, outbox, assignment ladder, figures) whose source follows the agency; the record is that case
/// as the agency sees it (<see cref="Case.IntakeView"/>). ADR 0018.
/// </summary>
public static class IntakeEndpoints
{
    public static void MapIntake(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intake").WithTags("Intake (三调对接: agencies hand disputes in)");
        group.MapPost("/", HandIn)
            .WithName("HandInDispute")
            .WithSummary("Hand a dispute in (警调 / 诉调委派 / 访调)")
            .WithDescription("Liaison users and system clients of a police station (`police_liaison`), a court (`court_liaison`) or a petition office " +
                "(`petition_liaison`). Body `{ externalRef, regionCode, category, title, description?, parties, receivedAt?, riskLevel?, channel?, note? }`: " +
                "`externalRef` is the agency's own number (1–100 characters, compared as sent after trimming); `regionCode` must be a village or town the " +
                "organisation serves (else 400 naming `regionCode`, nothing written). → 201 with `Location: /api/intake/{id}` and the record; the same " +
                "organisation sending the same `externalRef` again (also concurrently, also with another body) → 200 with the record already made, never a " +
                "second case. The case's `source` is police_transfer, court_entrusted or petition_transfer; a court's 委派调解 is due 30 days from receipt " +
                "(特邀调解规定 Art. 27), others the mediation month. The record carries no ID numbers or phones. An organisation the directory has wound up " +
                "(`active: false`) hands nothing new in (403); its records stay readable and a resend still gets the record already made.")
            .Produces<IntakeRecord>(StatusCodes.Status201Created)
            .Produces<IntakeRecord>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(p => p.RequireRole([.. Roles.IntakeLiaisons]));
        group.MapGet("/", List)
            .WithName("ListIntake")
            .WithSummary("The dispute records handed in by your organisation, newest first")
            .WithDescription("Liaisons and agency systems: their organisation's records; supervisors and admins: those in their jurisdiction. " +
                "Filters `status` (received, assigned, mediating, resolved, unresolved, withdrawn, returned), `receivedFrom`, `receivedTo` (inclusive " +
                "instants). Paged `{ items, page, pageSize ≤ 200, total }`.")
            .Produces<Paged<IntakeRecord>>()
            .ProducesValidationProblem()
            .RequireAuthorization(p => p.RequireRole([.. Roles.IntakeLiaisons, Roles.Supervisor, Roles.Admin]));
        group.MapGet("/{id:guid}", Get)
            .WithName("GetIntake")
            .WithSummary("One handed-in dispute's record: status, due date, case, mediator, outcome")
            .WithDescription("Another organisation's record, or one outside a supervisor's jurisdiction, answers 404.")
            .Produces<IntakeRecord>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole([.. Roles.IntakeLiaisons, Roles.Supervisor, Roles.Admin]));
    }

    private static async Task<Results<Created<IntakeRecord>, Ok<IntakeRecord>, ValidationProblem, ProblemHttpResult>> HandIn(IntakeRequest request, CaseStore store, CurrentUser user, PartyFactory parties, CancellationToken ct)
    {
        var db = store.Db;
        var (org, agency, refusal) = await OrganizationOfAsync(db, user, ct);
        if (refusal is not null) return refusal;
        var source = IntakeOrigin.SourceOf(agency);
        var ctx = store.Context(user.Id);
        var v = request.Validate(ctx.Now, source);
        var externalRef = request.ExternalRef?.Trim() ?? "";
        if (externalRef.Length > 0 && await FindAsync(db, org!.Id, externalRef, ct) is { } existing)
            return TypedResults.Ok(await ViewAsync(db, existing, ct)); // agencies resend their records: the first one stands
        if (!org!.Active) // wound up or merged in the directory: what it handed in before stays (above), nothing new
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed to hand disputes in",
                detail: "Your organisation is no longer active in the directory (wound up or merged).");
        var region = request.RegionCode is { Length: > 0 and <= 40 } code
            ? await RegionRef.FindAsync(db, code, ct) : null;
        if (region is null && request.RegionCode is { Length: > 0 and <= 40 })
            v.Add("regionCode", $"Region '{request.RegionCode}' is not in the directory.");
        else if (region is not null && !org!.Serves(region.Path))
            v.Add("regionCode", $"{org.Name} does not serve '{region.Code}': it serves {string.Join(", ", org.ServesRegionCodes)}.");
        if (!v.IsValid) return v.Problem();

        var origin = new IntakeOrigin(Guid.CreateVersion7(), org!.Id, agency, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim());
        string? number = null; // taken once, kept if the unit of work is run again (a transient fault)
        try
        {
            var created = await store.InTransactionAsync(async cancel =>
            {
                var registration = request.ToRegistration(source);
                number ??= await CaseNumbers.NextAsync(db, region!.Path, CaseKind.Dispute, registration.ReceivedAt ?? ctx.Now, cancel);
                var c = Case.Register(registration, region!.Path, number, parties.CreateAll(request.Parties), ctx, null,
                    new RegistrationNotes([], Intake: origin));
                store.Add(c);
                return (true, c);
            }, ct);
            return TypedResults.Created($"/api/intake/{origin.IntakeId}", created.IntakeView()!);
        }
        catch (DbUpdateException ex) when (IsDuplicateIntake(ex))
        {
            // the same number sent twice at once: the other request made the case
            db.ChangeTracker.Clear();
            var first = await FindAsync(db, org.Id, externalRef, ct) ?? throw new InvalidOperationException("The intake that won the race is gone.", ex);
            return TypedResults.Ok(await ViewAsync(db, first, ct));
        }
    }

    private static async Task<Results<Ok<Paged<IntakeRecord>>, ValidationProblem>> List([SnakeEnumOf(typeof(IntakeStatus))] string? status, DateTimeOffset? receivedFrom,
        DateTimeOffset? receivedTo, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 200)] int? pageSize,
        CasesDbContext db, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation();
        var wanted = SnakeEnum.Filter<IntakeStatus>(status, "status", v);
        var paging = PageRequest.From(page, pageSize, v, maxSize: 200);
        if (receivedFrom > receivedTo) v.Add("receivedTo", "'receivedTo' may not lie before 'receivedFrom'.");
        if (!v.IsValid) return v.Problem();
        var query = Visible(db.Cases.AsNoTracking(), user);
        if (wanted is { } s)
        {
            var caseStatus = CaseStatusOf(s);
            query = query.Where(c => c.Status == caseStatus);
        }
        if (receivedFrom is { } from) query = query.Where(c => c.ReceivedAt >= from);
        if (receivedTo is { } to) query = query.Where(c => c.ReceivedAt <= to);
        var total = await query.CountAsync(ct);
        var cases = await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        var names = await MediatorNamesAsync(db, cases, ct);
        var items = cases.Select(c => c.IntakeView(c.AssignedMediatorId is { } m ? names.GetValueOrDefault(m) : null)!).ToList();
        return TypedResults.Ok(new Paged<IntakeRecord>(items, paging.Page, paging.Size, total));
    }

    private static async Task<Results<Ok<IntakeRecord>, NotFound>> Get(Guid id, CasesDbContext db, CurrentUser user, CancellationToken ct)
    {
        var c = await Visible(db.Cases.AsNoTracking(), user).FirstOrDefaultAsync(x => x.IntakeId == id, ct);
        return c is null ? TypedResults.NotFound() : TypedResults.Ok(await ViewAsync(db, c, ct));
    }

    /// <summary>Handed-in cases the caller may follow: a liaison their organisation's, a supervisor or admin their jurisdiction's.</summary>
    private static IQueryable<Case> Visible(IQueryable<Case> cases, CurrentUser user)
    {
        cases = cases.Where(c => c.IntakeId != null);
        if (user.IsAdmin) return cases;
        if (user.IsIn(Roles.Supervisor)) return user.InRegions(cases);
        var org = user.OrganizationId;
        return cases.Where(c => org != null && c.IntakeOrganizationId == org);
    }

    /// <summary>The caller's organisation and its agency; a refusal (403) when the caller is not a liaison of an agency that hands disputes in.</summary>
    private static async Task<(OrganizationRef? Org, Agency Agency, ProblemHttpResult? Refusal)> OrganizationOfAsync(CasesDbContext db, CurrentUser user, CancellationToken ct)
    {
        static ProblemHttpResult Refuse(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed to hand disputes in", detail: detail);
        if (user.OrganizationId is not { } orgId) return (null, default, Refuse("Your account or client names no organisation."));
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null || IntakeOrigin.AgencyOf(org.Kind) is not { } agency)
            return (null, default, Refuse("Only police stations, courts and petition offices hand disputes in (the directory may not have reached this service yet: retry in a few seconds)."));
        var role = agency switch { Agency.Police => Roles.PoliceLiaison, Agency.Court => Roles.CourtLiaison, _ => Roles.PetitionLiaison };
        if (!user.IsIn(role)) return (null, default, Refuse($"A {SnakeEnum.Name(org.Kind)} hands disputes in through the role '{role}'."));
        return (org, agency, null);
    }

    private static Task<Case?> FindAsync(CasesDbContext db, Guid orgId, string externalRef, CancellationToken ct) =>
        db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.IntakeOrganizationId == orgId && c.ExternalRef == externalRef, ct);

    private static async Task<IntakeRecord> ViewAsync(CasesDbContext db, Case c, CancellationToken ct) =>
        c.IntakeView((await MediatorNamesAsync(db, [c], ct)).GetValueOrDefault(c.AssignedMediatorId ?? Guid.Empty))!;

    private static async Task<Dictionary<Guid, string>> MediatorNamesAsync(CasesDbContext db, IReadOnlyCollection<Case> cases, CancellationToken ct)
    {
        var ids = cases.Select(c => c.AssignedMediatorId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Mediators.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
    }

    private static CaseStatus CaseStatusOf(IntakeStatus status) => status switch
    {
        IntakeStatus.Received => CaseStatus.Registered,
        IntakeStatus.Assigned => CaseStatus.Assigned,
        IntakeStatus.Mediating => CaseStatus.Mediating,
        IntakeStatus.Resolved => CaseStatus.Resolved,
        IntakeStatus.Unresolved => CaseStatus.Unresolved,
        IntakeStatus.Withdrawn => CaseStatus.Withdrawn,
        _ => CaseStatus.Transferred,
    };

    private static bool IsDuplicateIntake(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: "23505" } pg && pg.ConstraintName?.Contains("intake_organization_id", StringComparison.Ordinal) == true;
}
