using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.History;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MediationPlatform.Mediators.Features.Organizations;

public static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organizations").WithTags("Organizations (机构)");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin)
            .WithSummary("Register an organisation (机构): mediation committee, mediation room, police station (派出所), court (法院), …")
            .WithDescription("Admin only. `regionCode` is where it sits; `servesRegionCodes` the regions it serves (referral routing). An optional webhook receives its referrals.");
        group.MapGet("/", List).Produces<Paged<OrganizationResponse>>().ProducesValidationProblem().WithSummary("List organisations (`?kind=&regionCode=`)")
            .WithDescription("`regionCode`: sitting in or serving that region. By name, paged `{ items, page, pageSize, total }`. The webhook secret is never returned (it is stored encrypted); the webhook URL only to admins and the organisation's own liaisons.");
        group.MapGet("/{id:guid}", Get).WithSummary("One organisation").WithMetadata(DirectoryRevision.ETagHeader("organisation"))
            .WithDescription("The webhook secret is never returned. Sends an `ETag` (its `revision` in quotes) for `If-Match` on PATCH.");
        group.MapPatch("/{id:guid}", Update).RequireAuthorization(Policies.Admin)
            .WithMetadata(DirectoryRevision.Header("organisation"), DirectoryRevision.ETagHeader("organisation"))
            .Produces<OrganizationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Change an organisation: name, servesRegionCodes, webhook, active")
            .WithDescription("Admin only; absent fields stay. `webhook: {url, secret}` replaces the webhook (checked as at registration), " +
                "`removeWebhook: true` removes it. A changed secret does not cut the agency off: for `Webhooks:SecretRotationWindow` " +
                "(24 h by default) every delivery carries `X-Signature` by the new secret and `X-Signature-Previous` by the replaced one, " +
                "until `previousWebhookSecretSignsUntil`; `webhook.revokePrevious: true` ends that at once (a leaked secret). `active: false` winds it up (撤销/合并): new referrals no longer route to it (the next " +
                "organisation of its kind serving the place gets them, or nobody), its room takes no bookings, no mediator joins it and it " +
                "hands no dispute in; what it has stays its own, and its liaisons still read it. `active: true` restores it. New referrals route by the new `servesRegionCodes`; existing ones stay. " +
                "Leaves a history entry (the secret is never recorded). With `If-Match` (the ETag of GET) the change is made only to that " +
                "revision, else 412 and nothing changes; without it the last change wins.");
        return group;
    }

    /// <summary>The SSRF guard at registration: syntax, https and (outside Development/Testing) public addresses only.</summary>
    internal static async Task ValidateWebhookAsync(WebhookRequest hook, WebhookOptions options, Validation v, CancellationToken ct)
    {
        if (await WebhookTargets.CheckAsync(hook.Url, options.AllowPrivateTargets == true, ct) is { } error) v.Add("webhook.url", error);
        if (string.IsNullOrEmpty(hook.Secret) || hook.Secret.Length < 16 || hook.Secret.Length > 200)
            v.Add("webhook.secret", "'webhook.secret' must be 16–200 characters.");
    }

    private static async Task<Results<Created<OrganizationResponse>, ValidationProblem>> Create(
        CreateOrganizationRequest request, MediatorsDbContext db, IOptions<WebhookOptions> webhooks, WebhookSecrets secrets, CurrentUser user,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Require("name", request.Name, 200);
        if (request.Kind is null) v.Add("kind", "'kind' is required.");
        v.Require("regionCode", request.RegionCode, 40);
        var serves = (request.ServesRegionCodes ?? []).Distinct().ToList();
        var codes = serves.Append(request.RegionCode ?? "").Distinct().ToList();
        var known = await db.Regions.Where(r => codes.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct);
        if (request.RegionCode is not null && !known.Contains(request.RegionCode))
            v.Add("regionCode", $"Region '{request.RegionCode}' does not exist.");
        foreach (var code in serves.Where(c => !known.Contains(c)))
            v.Add("servesRegionCodes", $"Region '{code}' does not exist.");
        if (request.Webhook is { } hook) await ValidateWebhookAsync(hook, webhooks.Value, v, ct);
        if (!v.IsValid) return v.Problem();

        var org = new Organization
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name!.Trim(),
            Kind = request.Kind!.Value,
            RegionCode = request.RegionCode!,
            ServesRegionCodes = serves.Count > 0 ? serves : [request.RegionCode!],
            WebhookUrl = request.Webhook?.Url,
            WebhookSecret = null,
            CreatedAt = clock.GetUtcNow(),
        };
        if (request.Webhook?.Secret is { } secret) org.WebhookSecret = secrets.Protect(secret, org.Id); // encrypted at rest
        db.Organizations.Add(org);
        db.AddOutboxMessage(Registered(org, org.CreatedAt)); // the case service checks handed-in disputes against servesRegionCodes
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/organizations/{org.Id}", OrganizationResponse.From(org, user, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<OrganizationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id,
        UpdateOrganizationRequest request, HttpContext http, MediatorsDbContext db, CurrentUser user, IOptions<WebhookOptions> webhooks,
        WebhookSecrets secrets, TimeProvider clock, CancellationToken ct)
    {
        var ifMatch = IfMatch.Read(http);
        if (IfMatch.TooLong(ifMatch, "the organisation's ETag") is { } tooLong) return tooLong;
        if (!await db.Organizations.AnyAsync(o => o.Id == id, ct)) return TypedResults.NotFound();
        var v = new Validation();
        if (request.Name is not null) v.Require("name", request.Name, 200);
        var serves = request.ServesRegionCodes?.Distinct().ToList();
        if (serves is not null)
        {
            if (serves.Count == 0) v.Add("servesRegionCodes", "At least one region is required.");
            var known = await db.Regions.Where(r => serves.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct);
            foreach (var code in serves.Where(c => !known.Contains(c))) v.Add("servesRegionCodes", $"Region '{code}' does not exist.");
        }
        if (request.Webhook is not null && request.RemoveWebhook == true)
            v.Add("removeWebhook", "Give either 'webhook' or 'removeWebhook', not both.");
        if (request.Webhook is { } hook) await ValidateWebhookAsync(hook, webhooks.Value, v, ct);
        if (!v.IsValid) return v.Problem();

        async ValueTask<Results<Ok<OrganizationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Once(CancellationToken token)
        {
            db.ChangeTracker.Clear();
            var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, token);
            if (org is null) return TypedResults.NotFound();
            if (ifMatch is not null && ifMatch != DirectoryRevision.ETagOf(org.Revision)) return DirectoryRevision.Stale("organisation", ifMatch, org.Revision);
            var changes = new ChangeSet();
            if (request.Name is not null) org.Name = changes.Set("name", org.Name, request.Name.Trim());
            if (serves is not null) org.ServesRegionCodes = changes.SetList("servesRegionCodes", org.ServesRegionCodes, serves);
            if (request.Active is { } active) org.Active = changes.Set("active", org.Active, active);
            var now = clock.GetUtcNow();
            if (request.Webhook is { } newHook)
            {
                var secretChanged = newHook.Secret != secrets.Reveal(org);
                var from = org.WebhookUrl;
                var revoked = newHook.RevokePrevious == true && org.PreviousWebhookSecretAt(now) is not null;
                org.SetWebhook(newHook.Url!, secrets.Protect(newHook.Secret!, org.Id), secretChanged, now, webhooks.Value.SecretRotationWindow,
                    revokePrevious: newHook.RevokePrevious == true);
                if (newHook.Url != from || secretChanged || revoked)
                    changes.Note("webhook", new { from, to = newHook.Url, secretChanged,
                        previousSecretSignsUntil = org.PreviousWebhookSecretAt(now) is not null ? org.PreviousWebhookSecretUntil : null,
                        previousSecretRevoked = revoked ? true : (bool?)null });
            }
            else if (request.RemoveWebhook == true && org.WebhookUrl is not null)
            {
                changes.Note("webhook", new { from = org.WebhookUrl, to = (string?)null });
                org.RemoveWebhook();
            }
            if (changes.Any)
            {
                org.Revision++;
                changes.Write(db, "organization", org.Id, user.Id, now);
                db.AddOutboxMessage(Registered(org, now));
                await db.SaveChangesAsync(token);
            }
            http.Response.Headers.ETag = DirectoryRevision.ETagOf(org.Revision);
            return TypedResults.Ok(OrganizationResponse.From(org, user, now));
        }

        try
        {
            // with If-Match a concurrent change is the client's to see (412); without it the change is made again on the newer state
            return ifMatch is null ? await RaceRetry.Pipeline.ExecuteAsync(Once, ct) : await Once(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var revision = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Revision).FirstOrDefaultAsync(ct);
            return ifMatch is not null
                ? DirectoryRevision.Stale("organisation", ifMatch, revision)
                : TypedResults.Problem(statusCode: 503, title: "The organisation is busy", detail: "Other changes kept changing it at the same moment; nothing was changed. Retry.");
        }
    }

    private static OrganizationRegistered Registered(Organization org, DateTimeOffset at) =>
        new(org.Id, org.Name, org.Kind, org.RegionCode, org.ServesRegionCodes, at, org.Active);

    private static async Task<Results<Ok<Paged<OrganizationResponse>>, ValidationProblem>> List([SnakeEnumOf(typeof(OrganizationKind))] string? kind, [MaxLength(40)] string? regionCode,
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 500)] int? pageSize,
        MediatorsDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().MaxLength("regionCode", regionCode, 40);
        var kindFilter = SnakeEnum.Filter<OrganizationKind>(kind, "kind", v);
        var paging = PageRequest.From(page, pageSize, v, defaultSize: 100, maxSize: 500);
        if (!v.IsValid) return v.Problem();
        var query = db.Organizations.AsNoTracking();
        var now = clock.GetUtcNow();
        if (kindFilter is { } k) query = query.Where(o => o.Kind == k);
        if (!string.IsNullOrEmpty(regionCode))
            query = query.Where(o => o.RegionCode == regionCode || o.ServesRegionCodes.Contains(regionCode));
        return TypedResults.Ok(await query.OrderBy(o => o.Name).ThenBy(o => o.Id).ToPageAsync(paging, o => OrganizationResponse.From(o, user, now), ct));
    }

    private static async Task<Results<Ok<OrganizationResponse>, NotFound>> Get(Guid id, HttpContext http, MediatorsDbContext db, CurrentUser user,
        TimeProvider clock, CancellationToken ct)
    {
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return TypedResults.NotFound();
        http.Response.Headers.ETag = DirectoryRevision.ETagOf(org.Revision);
        return TypedResults.Ok(OrganizationResponse.From(org, user, clock.GetUtcNow()));
    }
}
