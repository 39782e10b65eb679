using System.Net.Http.Headers;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Gateway.Proxy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.Gateway.Operations;

/// <summary>
/// <c>GET /api/admin/dead-letters</c>: the error queues of all three services in one answer (the gateway asks each with
/// the caller's token). A queue's own routes (<c>/api/admin/dead-letters/{queue}…</c>) go to the service that owns it.
/// </summary>
public static class DeadLetterOverview
{
    public const string HttpClientName = "services";

    public static IEndpointRouteBuilder MapDeadLetterOverview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/dead-letters", ListAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithTags("Operations (运维)")
            .WithSummary("Every consumer queue of every service and the messages parked in its error queue (admin)")
            .WithDescription("`{ queues: [{ service, queue, errorQueue, messages }], unavailable: [service] }`. Inspect a queue with " +
                "`GET /api/admin/dead-letters/{queue}?max=`, move its messages back with `POST /api/admin/dead-letters/{queue}/requeue[?messageId=]`.");
        return app;
    }

    private static async Task<Ok<DeadLetterOverviewResponse>> ListAsync(HttpContext http, IHttpClientFactory clients, IConfiguration configuration, CancellationToken ct)
    {
        var client = clients.CreateClient(HttpClientName);
        var answers = await Task.WhenAll(ProxyRoutes.PrefixesByService.Keys.Select(async service =>
        {
            var address = configuration[$"Services:{char.ToUpperInvariant(service[0])}{service[1..]}"]!.TrimEnd('/');
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{address}/api/admin/dead-letters");
            if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var auth)) request.Headers.Authorization = auth;
            try
            {
                using var response = await client.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode) return (service, (JsonElement?)null);
                return (service, await response.Content.ReadFromJsonAsync<JsonElement>(ct));
            }
            catch (HttpRequestException)
            {
                return (service, null);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return (service, null);
            }
        }));
        var queues = answers.Where(a => a.Item2 is not null)
            .SelectMany(a => a.Item2!.Value.EnumerateArray().Select(q => new DeadLetterQueueEntry(a.service,
                q.GetProperty("queue").GetString() ?? "", q.GetProperty("errorQueue").GetString() ?? "", q.GetProperty("messages").GetInt64())))
            .OrderByDescending(q => q.Messages).ThenBy(q => q.Queue, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new DeadLetterOverviewResponse(queues, answers.Where(a => a.Item2 is null).Select(a => a.service).ToList()));
    }
}

/// <summary>One consumer queue of a service and how many messages wait in its error queue.</summary>
public sealed record DeadLetterQueueEntry(string Service, string Queue, string ErrorQueue, long Messages);

/// <summary>The error queues of every service; <c>unavailable</c> names the services that did not answer.</summary>
public sealed record DeadLetterOverviewResponse(IReadOnlyList<DeadLetterQueueEntry> Queues, IReadOnlyList<string> Unavailable);
