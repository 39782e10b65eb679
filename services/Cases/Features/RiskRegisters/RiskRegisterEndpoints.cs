using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.RiskRegisters;

/// <summary>
/// Risk registers (风险清单/台账, api.md): a register per region and year, items entered one by one and closed (销号)
/// with a note. Supervisors (their jurisdiction), mediators (their regions) and admins; every other role 403; a
/// register outside the caller's regions answers 404. Items keep their history; every change goes out through the
/// outbox (RiskItemOpened / RiskItemClosed, no free text) and an item naming a case leaves a notice on its timeline
/// (through the case's own change path, not a new version).
/// </summary>
public static class RiskRegisterEndpoints
{
    public const int MaxPageSize = 200;

    public static void MapRiskRegisters(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/risk-registers").WithTags("Risk registers (风险隐患台账)");
        const string who = " Supervisors (their jurisdiction), mediators (their regions) and admins; other roles 403; a register outside your regions 404.";
        g.MapPost("/", Create).Produces<RiskRegisterResponse>(StatusCodes.Status201Created).ProducesValidationProblem().WithSummary("Create a risk register (建立风险清单) for a region and year")
            .WithDescription("`{ title, regionCode, year }`; the region must be known; `Idempotency-Key` makes a retry safe. Answers 201 with the register." + who)
            .Idempotent<CasesDbContext>("risk-register");
        g.MapGet("/", List).Produces<Paged<RiskRegisterResponse>>().ProducesValidationProblem().WithSummary("Risk registers visible to the caller, filtered and paged")
            .WithDescription("Filters `regionCode` (a town covers its villages' registers), `year`; paging `page`, `pageSize ≤ 200`. Each register with its open and closed item counts." + who);
        g.MapGet("/{id:guid}", GetOne).Produces<RiskRegisterResponse>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One risk register with all its items and their history")
            .WithDescription("Every item: description, level, linked case, opened by/at, closed by/at and the closing note." + who);
        g.MapGet("/{id:guid}/items", Items).Produces<Paged<RiskItemResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A register's items, paged (`?status=open|closed`)")
            .WithDescription("Oldest first; paged `{ items, page, pageSize, total }`." + who);
        g.MapPost("/{id:guid}/items", AddItem).Produces<RiskItemResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Enter a risk item (登记风险隐患)")
            .WithDescription("`{ description, level, caseId?, occurredAt? }`. `caseId` must be a case in the register's region (a town register takes its villages' cases); the case's timeline records the link. `occurredAt` defaults to now and may be back-dated, never in the future. Answers 201 with the item; publishes RiskItemOpened." + who)
            .Idempotent<CasesDbContext>("risk-item:{id}");
        g.MapPost("/{id:guid}/items/{itemId:guid}/close", CloseItem).Produces<RiskItemResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Close a risk item with a note (销号)")
            .WithDescription("`{ note, occurredAt? }`; `occurredAt` not in the future nor before the item was opened. Closing a closed item answers 409. Publishes RiskItemClosed." + who)
            .Idempotent<CasesDbContext>("risk-item-close:{id}:{itemId}");
    }

    private static bool MayUse(CurrentUser u) => u.IsAdmin || u.IsIn(Roles.Supervisor) || u.IsIn(Roles.Mediator);

    private static ProblemHttpResult NoRole() => TypedResults.Problem(statusCode: 403, title: "Not allowed",
        detail: "Risk registers are kept by supervisors, mediators and administrators.");

    private static async Task<Results<Created<RiskRegisterResponse>, ValidationProblem, ProblemHttpResult>> Create(CreateRiskRegisterRequest? r,
        HttpContext http, CasesDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!MayUse(user)) return NoRole();
        var now = time.GetUtcNow();
        var v = new Validation();
        v.Require("title", r?.Title, 200);
        var maxYear = ChinaTime.YearOf(now) + 1;
        if (r?.Year is null) v.Add("year", "'year' is required.");
        else if (r.Year < 2000 || r.Year > maxYear) v.Add("year", $"'year' must be 2000–{maxYear}.");
        Directory.RegionRef? region = null;
        if (string.IsNullOrWhiteSpace(r?.RegionCode)) v.Add("regionCode", "'regionCode' is required.");
        else if (r.RegionCode.Length > 40 || (region = await RegionRef.FindAsync(db, r.RegionCode, ct)) is null)
            v.Add("regionCode", $"Region '{Truncate(r.RegionCode)}' is not in the directory.");
        if (!v.IsValid) return v.Problem();
        if (!user.Covers(region!.Path))
            return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "The region is outside your jurisdiction.");
        var register = new RiskRegister
        {
            Id = Guid.CreateVersion7(), Title = r!.Title!.Trim(), RegionCode = region.Code, TownCode = region.TownCode,
            DistrictCode = region.DistrictCode, Year = r.Year!.Value, CreatedBy = user.Id, CreatedAt = now,
        };
        db.RiskRegisters.Add(register);
        var response = RiskRegisterResponse.From(register, withItems: true);
        var location = $"/api/risk-registers/{register.Id}";
        Idempotency.Of(http)?.Record(StatusCodes.Status201Created, response, location);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(location, response);
    }

    // year: no register is older than 2000 (Create); 1900–2100 refuses no year a client means
    private static async Task<Results<Ok<Paged<RiskRegisterResponse>>, ValidationProblem, ProblemHttpResult>> List(CasesDbContext db,
        CurrentUser user, [MaxLength(40)] string? regionCode,
        [Range(1900, 2100)] int? year, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, MaxPageSize)] int? pageSize,
        CancellationToken ct)
    {
        if (!MayUse(user)) return NoRole();
        var v = new Validation().MaxLength("regionCode", regionCode, 40);
        var paging = PageRequest.From(page, pageSize, v, maxSize: MaxPageSize);
        if (!v.IsValid) return v.Problem();
        var query = user.InRegions(db.RiskRegisters.AsNoTracking());
        if (!string.IsNullOrEmpty(regionCode)) query = query.Within(regionCode);
        if (year is { } y) query = query.Where(x => x.Year == y);
        var ordered = query.Include(x => x.Items).OrderByDescending(x => x.Year).ThenBy(x => x.CreatedAt).ThenBy(x => x.Id).AsSplitQuery();
        return TypedResults.Ok(await ordered.ToPageAsync(paging, x => RiskRegisterResponse.From(x, withItems: false), ct));
    }

    private static async Task<Results<Ok<RiskRegisterResponse>, NotFound, ProblemHttpResult>> GetOne(Guid id, CasesDbContext db, CurrentUser user,
        CancellationToken ct)
    {
        if (!MayUse(user)) return NoRole();
        var register = await db.RiskRegisters.AsNoTracking().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (register is null || !user.Covers(register.Place)) return TypedResults.NotFound();
        return TypedResults.Ok(RiskRegisterResponse.From(register, withItems: true));
    }

    private static async Task<Results<Ok<Paged<RiskItemResponse>>, ValidationProblem, NotFound, ProblemHttpResult>> Items(Guid id,
        [AllowedValues("open", "closed")] string? status,
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, MaxPageSize)] int? pageSize, CasesDbContext db, CurrentUser user,
        CancellationToken ct)
    {
        if (!MayUse(user)) return NoRole();
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, maxSize: MaxPageSize);
        if (status is not (null or "open" or "closed")) v.Add("status", "'status' must be open or closed.");
        if (!v.IsValid) return v.Problem();
        var register = await db.RiskRegisters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (register is null || !user.Covers(register.Place)) return TypedResults.NotFound();
        var items = db.RiskItems.AsNoTracking().Where(i => i.RegisterId == id);
        if (status is not null) items = items.Where(i => i.Closed == (status == "closed"));
        return TypedResults.Ok(await items.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id).ToPageAsync(paging, RiskItemResponse.From, ct));
    }

    private static async Task<Results<Created<RiskItemResponse>, ValidationProblem, NotFound, ProblemHttpResult>> AddItem(Guid id,
        AddRiskItemRequest? r, HttpContext http, CaseStore store, CurrentUser user, CancellationToken ct)
    {
        if (!MayUse(user)) return NoRole();
        var db = store.Db;
        var register = await db.RiskRegisters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (register is null || !user.Covers(register.Place)) return TypedResults.NotFound();

        var ctx = store.Context(user.Id);
        var at = r?.OccurredAt ?? ctx.Now;
        var v = new Validation();
        v.Require("description", r?.Description, 2000);
        if (r?.Level is null) v.Add("level", "'level' is required: low, medium, high or critical.");
        v.NotInFuture("occurredAt", at, ctx.Now);
        if (at.Year < 2000) v.Add("occurredAt", "'occurredAt' is implausibly old.");
        if (r?.CaseId is { } caseId)
        {
            var linked = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
            if (linked is null || !CaseAccess.CanSee(user, linked) || !linked.Place.IsWithin(register.RegionCode))
                v.Add("caseId", $"No case {caseId} in region '{register.RegionCode}' that you can see.");
        }
        if (!v.IsValid) return v.Problem();

        var item = new RiskItem
        {
            Id = Guid.CreateVersion7(), RegisterId = register.Id, Description = r!.Description!.Trim(), Level = r.Level!.Value,
            CaseId = r.CaseId, OpenedBy = user.Id, OpenedAt = at, OpenedRecordedAt = ctx.Now,
        };
        var response = RiskItemResponse.From(item);
        var location = $"/api/risk-registers/{register.Id}";
        await store.InTransactionAsync(async cancel =>
        {
            db.RiskItems.Add(item);
            db.AddOutboxMessage(new RiskItemOpened(register.Id, item.Id, register.Year, item.Level, item.CaseId, register.RegionCode,
                register.TownCode, register.DistrictCode, user.Id, at, ctx.Now), register.Id);
            await NoticeOnCaseAsync(store, item.CaseId, "risk_item_opened", at, new { registerId = register.Id, itemId = item.Id, level = item.Level }, user.Id, cancel);
            Idempotency.Of(http)?.Record(StatusCodes.Status201Created, response, location);
            return (true, 0);
        }, ct);
        return TypedResults.Created(location, response);
    }

    private static async Task<IResult> CloseItem(Guid id, Guid itemId, CloseRiskItemRequest? r, HttpContext http, CaseStore store, CurrentUser user,
        CancellationToken ct)
    {
        if (!MayUse(user)) return NoRole();
        var db = store.Db;
        var idempotency = Idempotency.Of(http);
        var register = await db.RiskRegisters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (register is null || !user.Covers(register.Place)) return TypedResults.NotFound();
        var ctx = store.Context(user.Id);
        try
        {
            return await store.InTransactionAsync<IResult>(async cancel =>
            {
                var item = await db.RiskItems.FirstOrDefaultAsync(x => x.Id == itemId && x.RegisterId == id, cancel);
                if (item is null) return (false, TypedResults.NotFound());
                if (item.Closed) return (false, AlreadyClosed(item));
                var at = r?.OccurredAt ?? ctx.Now;
                var v = new Validation();
                v.Require("note", r?.Note, 2000);
                v.NotInFuture("occurredAt", at, ctx.Now);
                if (at < item.OpenedAt) v.Add("occurredAt", $"'occurredAt' may not lie before the item was opened ({item.OpenedAt:O}).");
                if (!v.IsValid) return (false, v.Problem());

                item.Closed = true;
                item.ClosedBy = user.Id;
                item.ClosedAt = at;
                item.ClosedRecordedAt = ctx.Now;
                item.CloseNote = r!.Note!.Trim();
                db.AddOutboxMessage(new RiskItemClosed(register.Id, item.Id, register.RegionCode, register.TownCode, register.DistrictCode,
                    user.Id, at, ctx.Now), register.Id);
                await NoticeOnCaseAsync(store, item.CaseId, "risk_item_closed", at, new { registerId = register.Id, itemId = item.Id }, user.Id, cancel);
                var response = RiskItemResponse.From(item);
                idempotency?.Record(StatusCodes.Status200OK, response, null);
                return (true, TypedResults.Ok(response));
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // closed by someone else at the same moment
            db.ChangeTracker.Clear();
            if (idempotency is not null && await idempotency.ReplayAsync(ct) is { } replayed) return replayed;
            return AlreadyClosed(await db.RiskItems.AsNoTracking().FirstAsync(x => x.Id == itemId, ct));
        }
    }

    /// <summary>Like a note: the linked case's history shows the register change; not a step of the case, so no new version.</summary>
    private static async Task NoticeOnCaseAsync(CaseStore store, Guid? caseId, string action, DateTimeOffset at, object details, string actor, CancellationToken ct)
    {
        if (caseId is not { } id || await store.LoadForChangeAsync(id, ct) is not { } c) return;
        c.NoticeRiskItem(action, at, details, store.Context(actor));
        store.Record(c);
    }

    private static IResult AlreadyClosed(RiskItem item) =>
        TypedResults.Problem(statusCode: 409, title: "The item is already closed",
            detail: $"Risk item {item.Id} was closed (销号) at {item.ClosedAt:O}.",
            extensions: new Dictionary<string, object?> { ["closedAt"] = item.ClosedAt, ["closedBy"] = item.ClosedBy });

    /// <summary>Saves; the same Idempotency-Key sent twice at once answers as the request that committed.</summary>
    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
