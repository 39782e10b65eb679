using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Gateway.Operations;

/// <summary>One page of the merged audit trail; <c>unavailable</c> names a service whose chain could not be read just now.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, int Page, int PageSize, long Total, IReadOnlyList<string> Unavailable);

/// <summary>
/// <c>GET /api/audit</c>: the security audit trail of the gateway (sign-ins, refusals, lockouts, users, clients, second
/// factors), of the case service (unmasked reads, ID-number searches, documents issued, imports, retention) and of the
/// reporting service (exports) in one answer, newest first (ADR 0022). Each service keeps its own hash chain; the gateway
/// asks the others with the caller's token, as the dead-letter overview does.
/// </summary>
public static class AuditOverview
{
    /// <summary>The newest entries one request can page through (narrow with from/to for older ones).</summary>
    public const int Window = 500;

    /// <summary>The services that keep an audit chain besides the gateway.</summary>
    private static readonly string[] Services = ["cases", "reporting"];

    public static IEndpointRouteBuilder MapAuditOverview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Auditor))
            .WithTags("Audit (审计)").WithName("GetAuditTrail")
            .WithSummary("The security audit trail of the gateway and the case service, newest first (admin, auditor)")
            .WithDescription("`kind` (e.g. sign_in, sign_in_refused, account_locked, user_created, user_changed, client_created, client_changed, " +
                "mfa_enrolment_started, mfa_enabled, mfa_reset, unmasked_read, id_number_search, document_issued, import_started, retention_anonymised, export), `from`, `to` " +
                "(ISO 8601; `to` exclusive), paged `{ items, page, pageSize ≤ 100, total, unavailable }` over the newest 500 matching entries. Each entry: " +
                "service, seq (its place in that service's chain), at, kind, actor, address, target (a reference, never personal data), details, hash. " +
                "Insert-only in each database and chained by SHA-256; `--verify-audit` checks a chain.")
            .Produces<AuditPage>().ProducesValidationProblem();
        return app;
    }

    // page: at most Window (reached with pageSize 1); the exact rule, page × pageSize ≤ Window, is checked below
    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync([MaxLength(60)] string? kind, DateTimeOffset? from, DateTimeOffset? to,
        [Range(1, Window)] int? page, [Range(1, 100)] int? pageSize,
        HttpContext http, GatewayDbContext db, IHttpClientFactory clients, IConfiguration configuration, CancellationToken ct)
    {
        var v = new Validation().MaxLength("kind", kind, 60);
        var paging = PageRequest.From(page, pageSize, v, defaultSize: 50, maxSize: 100);
        if (v.IsValid && paging.Page * paging.Size > Window) v.Add("page", $"Only the newest {Window} entries are paged; narrow the period with from/to.");
        if (from is { } f && to is { } t && t <= f) v.Add("to", "'to' must be after 'from'.");
        if (!v.IsValid) return v.Problem();
        var wanted = paging.Page * paging.Size;

        var local = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrEmpty(kind)) local = local.Where(e => e.Kind == kind);
        if (from is { } since) local = local.Where(e => e.At >= since);
        if (to is { } until) local = local.Where(e => e.At < until);
        var localTotal = await local.LongCountAsync(ct);
        var entries = (await local.OrderByDescending(e => e.Seq).Take(wanted).ToListAsync(ct)).Select(e => AuditTrail.Response("gateway", e)).ToList();

        var unavailable = new List<string>();
        long remoteTotal = 0;
        var query = $"page=1&pageSize={wanted}" + (kind is null ? "" : $"&kind={Uri.EscapeDataString(kind)}")
            + (from is null ? "" : $"&from={Uri.EscapeDataString(from.Value.ToString("O"))}") + (to is null ? "" : $"&to={Uri.EscapeDataString(to.Value.ToString("O"))}");
        var answers = await Task.WhenAll(Services.Select(async service =>
        {
            var address = configuration[$"Services:{char.ToUpperInvariant(service[0])}{service[1..]}"]?.TrimEnd('/');
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{address}/api/audit?{query}");
                if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var auth)) request.Headers.Authorization = auth;
                using var response = await clients.CreateClient(DeadLetterOverview.HttpClientName).SendAsync(request, ct);
                if (!response.IsSuccessStatusCode) return (service, (Paged<AuditEntryResponse>?)null);
                return (service, await response.Content.ReadFromJsonAsync<Paged<AuditEntryResponse>>(new JsonSerializerOptions(JsonSerializerDefaults.Web), ct));
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                return (service, null);
            }
        }));
        foreach (var (service, body) in answers)
        {
            if (body is null) { unavailable.Add(service); continue; }
            remoteTotal += body.Total;
            entries.AddRange(body.Items);
        }

        var items = entries.OrderByDescending(e => e.At).ThenBy(e => e.Service, StringComparer.Ordinal).ThenByDescending(e => e.Seq)
            .Skip((paging.Page - 1) * paging.Size).Take(paging.Size).ToList();
        return TypedResults.Ok(new AuditPage(items, paging.Page, paging.Size, localTotal + remoteTotal, unavailable));
    }
}
