using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Regions;

public static partial class RegionEndpoints
{
    /// <summary>A region code: 1–40 characters of a–z, 0–9 and '-', starting with a letter or digit.</summary>
    internal const string CodePatternText = "^[a-z0-9][a-z0-9-]{0,39}$";

    [GeneratedRegex(CodePatternText)]
    private static partial Regex CodePattern();

    public static RouteGroupBuilder MapRegionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/regions").WithTags("Regions (区划)");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin)
            .WithSummary("Register a region (区划): district → town (镇/街道) → village (村) / community (社区)")
            .WithDescription("Admin only. `code` is a short lowercase slug (e.g. `muer`), unique. A town's parent is a district; a village's or community's parent is a town. Optional `shortName` (1–4 characters): the abbreviation in the documents' file numbers (木 in （2021）木人调字第17号), default the name's first character. Publishes RegionRegistered, after which cases may be registered there.");
        group.MapGet("/", List).Produces<Paged<RegionResponse>>().ProducesValidationProblem()
            .WithSummary("List regions, optionally the children of one (`?parentCode=`)")
            .WithDescription("By code, paged `{ items, page, pageSize, total }` (pageSize ≤ 1000, default 200).");
        group.MapGet("/{code}", Get)
            .WithSummary("One region by code")
            .WithDescription("404 when the code is unknown.");
        return group;
    }

    private static async Task<Results<Created<RegionResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateRegionRequest request, MediatorsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Require("name", request.Name, 100);
        if (request.ShortName is not null && (request.ShortName.Trim().Length is < 1 or > 4))
            v.Add("shortName", "'shortName' is 1–4 characters (the town's abbreviation in file numbers, e.g. 木).");
        if (string.IsNullOrWhiteSpace(request.Code) || !CodePattern().IsMatch(request.Code))
            v.Add("code", "'code' must be 1–40 characters of a–z, 0–9 and '-', starting with a letter or digit.");
        if (request.Kind is null) v.Add("kind", "'kind' is required: district, town, village or community.");
        Region? parent = null;
        if (request.Kind is RegionKind.District)
        {
            if (request.ParentCode is not null) v.Add("parentCode", "A district has no parent.");
        }
        else if (request.Kind is not null)
        {
            if (string.IsNullOrWhiteSpace(request.ParentCode)) v.Add("parentCode", "'parentCode' is required for this kind.");
            else
            {
                parent = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == request.ParentCode, ct);
                var expected = request.Kind == RegionKind.Town ? RegionKind.District : RegionKind.Town;
                if (parent is null) v.Add("parentCode", $"Region '{request.ParentCode}' does not exist.");
                else if (parent.Kind != expected) v.Add("parentCode", $"The parent of a {request.Kind.ToString()!.ToLowerInvariant()} must be a {expected.ToString().ToLowerInvariant()}.");
            }
        }
        if (!v.IsValid) return v.Problem();
        if (await db.Regions.AnyAsync(r => r.Code == request.Code, ct))
            return TypedResults.Problem(statusCode: 409, title: "Region exists", detail: $"A region with code '{request.Code}' already exists.");

        var region = new Region
        {
            Code = request.Code!,
            Name = request.Name!.Trim(),
            ShortName = request.ShortName?.Trim(),
            Kind = request.Kind!.Value,
            ParentCode = parent?.Code,
            TownCode = request.Kind switch
            {
                RegionKind.Town => request.Code,
                RegionKind.Village or RegionKind.Community => parent!.Code,
                _ => null,
            },
            DistrictCode = request.Kind switch
            {
                RegionKind.District => request.Code,
                RegionKind.Town => parent!.Code,
                _ => parent!.DistrictCode,
            },
            CreatedAt = clock.GetUtcNow(),
        };
        db.Regions.Add(region);
        db.AddOutboxMessage(new RegionRegistered(region.Code, region.Name, region.Kind, region.ParentCode,
            region.TownCode, region.DistrictCode, region.CreatedAt, region.ShortName));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return TypedResults.Problem(statusCode: 409, title: "Region exists", detail: $"A region with code '{request.Code}' already exists.");
        }
        return TypedResults.Created($"/api/regions/{region.Code}", RegionResponse.From(region));
    }

    private static async Task<Results<Ok<Paged<RegionResponse>>, ValidationProblem>> List([MaxLength(40)] string? parentCode, [Range(1, PageRequest.MaxPage)] int? page,
        [Range(1, 1000)] int? pageSize, MediatorsDbContext db, CancellationToken ct)
    {
        var v = new Validation().MaxLength("parentCode", parentCode, 40);
        var paging = PageRequest.From(page, pageSize, v, defaultSize: 200, maxSize: 1000);
        if (!v.IsValid) return v.Problem();
        var query = db.Regions.AsNoTracking();
        if (!string.IsNullOrEmpty(parentCode)) query = query.Where(r => r.ParentCode == parentCode);
        return TypedResults.Ok(await query.OrderBy(r => r.Code).ToPageAsync(paging, RegionResponse.From, ct));
    }

    private static async Task<Results<Ok<RegionResponse>, NotFound>> Get(
        [MaxLength(40)] string code, MediatorsDbContext db, CancellationToken ct)
    {
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, ct);
        return region is null ? TypedResults.NotFound() : TypedResults.Ok(RegionResponse.From(region));
    }
}
