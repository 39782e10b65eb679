using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace MediationPlatform.Messaging.DeadLetters;

/// <summary>
/// <c>/api/admin/dead-letters</c> of one service (admins): its error queues, their messages, and requeue. The gateway
/// lists all services' together and routes a queue's calls to the service that owns it (queue names start with it).
/// </summary>
public static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/admin/dead-letters").WithTags("Operations (运维)").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        g.MapGet("/", async (DeadLetterQueues queues, CancellationToken ct) => TypedResults.Ok(await queues.ListAsync(ct)))
            .WithSummary("This service's consumer queues and the messages parked in their error queues (admin)")
            .WithDescription("A message lands in `<queue>_error` after its consumer failed every retry; it waits there until requeued.");
        g.MapGet("/{queue}", async ([MaxLength(200)] string queue, [Range(1, 100)] int? max, DeadLetterQueues queues,
                CancellationToken ct) =>
            {
                var v = new Validation();
                if (max is < 1 or > 100) v.Add("max", "'max' must be 1–100.");
                if (!v.IsValid) return v.Problem();
                if (!queues.Owns(queue)) return Results.NotFound();
                return TypedResults.Ok(await queues.PeekAsync(queue, max ?? 20, ct));
            })
            .Produces<IReadOnlyList<DeadLetterMessage>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The oldest parked messages of one queue, with why they failed (admin)")
            .WithDescription("`max` 1–100 (default 20). The messages stay where they are. 404 for a queue this service does not own.");
        g.MapPost("/{queue}/requeue", async ([MaxLength(200)] string queue, [MaxLength(100)] string? messageId, [Range(1, 10_000)] int? max,
                DeadLetterQueues queues, CurrentUser user, ILoggerFactory loggers, CancellationToken ct) =>
            {
                var v = new Validation();
                if (max is < 1 or > 10_000) v.Add("max", "'max' must be 1–10000.");
                v.MaxLength("messageId", messageId, 100);
                if (!v.IsValid) return v.Problem();
                if (!queues.Owns(queue)) return Results.NotFound();
                var moved = await queues.RequeueAsync(queue, messageId, max ?? 10_000, ct);
                loggers.CreateLogger("DeadLetters").LogWarning("{User} requeued {Count} message(s) of {Queue}_error{Filter}", user.Name, moved, queue,
                    messageId is null ? "" : $" (message {messageId})");
                return Results.Ok(new RequeueResult(queue, moved));
            })
            .Produces<RequeueResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Move parked messages back to their queue (admin)")
            .WithDescription("All of them (at most `max`), or the one with `messageId`. Fault headers are dropped; consumers apply a message once (inbox), so a requeue after a fix is safe. Answers `{ queue, requeued }`.");
        return app;
    }
}

/// <summary>How many parked messages of a queue were moved back to it.</summary>
public sealed record RequeueResult(string Queue, int Requeued);
