using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>
/// An organisation's webhook deliveries and their attempts: admins, and the liaisons of that organisation
/// (another organisation's id answers 404).
/// </summary>
public static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/organizations/{id:guid}/deliveries").WithTags("Organizations (机构)")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.PoliceLiaison, Roles.CourtLiaison, Roles.PetitionLiaison));
        g.MapGet("/", List).Produces<Paged<DeliveryResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Webhook deliveries to the organisation, newest first, with every attempt (`?status=pending|delivered|failed`)")
            .WithDescription("Admins and that organisation's liaisons. Each delivery is one signed POST of a referral change (or, to a supervising organisation, an overdue notice); see ADR 0007. Paged `{ items, page, pageSize, total }`.");
        g.MapPost("/{deliveryId:guid}/resend", Resend).Produces<DeliveryResponse>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Send a delivery again (重发), now")
            .WithDescription("Puts the delivery back in the queue (status pending, due now); the receiver deduplicates on `X-Delivery-Id`. Answers 202.");
    }

    private static bool CanSee(CurrentUser user, Guid organizationId) => user.IsAdmin || user.OrganizationId == organizationId;

    private static async Task<Results<Ok<Paged<DeliveryResponse>>, NotFound, ValidationProblem>> List(Guid id, [SnakeEnumOf(typeof(WebhookDeliveryStatus))] string? status,
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, 100)] int? pageSize,
        MediatorsDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!CanSee(user, id) || !await db.Organizations.AnyAsync(o => o.Id == id, ct)) return TypedResults.NotFound();
        var v = new Validation();
        var paging = PageRequest.From(page, pageSize, v, maxSize: 100);
        var statusFilter = SnakeEnum.Filter<WebhookDeliveryStatus>(status, "status", v);
        if (!v.IsValid) return v.Problem();
        var q = db.WebhookDeliveries.AsNoTracking().Where(d => d.OrganizationId == id);
        if (statusFilter is { } s) q = q.Where(d => d.Status == s);
        var deliveries = await q.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).ToPageAsync(paging, d => d, ct);
        var ids = deliveries.Items.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Number).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId);
        return TypedResults.Ok(new Paged<DeliveryResponse>(deliveries.Items.Select(d => From(d, attempts[d.Id])).ToList(),
            deliveries.Page, deliveries.PageSize, deliveries.Total));
    }

    private static async Task<Results<Accepted<DeliveryResponse>, NotFound>> Resend(Guid id, Guid deliveryId, MediatorsDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!CanSee(user, id)) return TypedResults.NotFound();
        var d = await db.WebhookDeliveries.FirstOrDefaultAsync(x => x.Id == deliveryId && x.OrganizationId == id, ct);
        if (d is null) return TypedResults.NotFound();
        d.Status = WebhookDeliveryStatus.Pending;
        d.Rounds = 0;
        d.NextAttemptAt = clock.GetUtcNow();
        d.DeliveredAt = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/organizations/{id}/deliveries", From(d, []));
    }

    private static DeliveryResponse From(WebhookDelivery d, IEnumerable<WebhookAttempt> attempts) => new(d.Id, d.OrganizationId, d.ReferralId, d.CaseId,
        d.EventType, d.Status, d.AttemptCount, d.NextAttemptAt, d.LastError, d.CreatedAt, d.DeliveredAt,
        attempts.Select(a => new AttemptResponse(a.Number, a.At, a.StatusCode, a.Error, a.DurationMs)).ToList());
}
