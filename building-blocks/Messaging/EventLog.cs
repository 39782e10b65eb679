using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.Messaging;

public static class EventLogEndpoints
{
    public const int MaxLimit = 5000;

    /// <summary>
    /// <c>GET /api/event-log?after=&amp;limit=</c> (admin): the service's outbox read as its event log, in position order,
    /// for replaying projections elsewhere (the reporting rebuild). Only useful where sent rows are kept
    /// (<see cref="OutboxOptions.KeepSentAsEventLog"/>). Unsent rows are included on purpose: they are committed events
    /// that are about to be published, and a reader that cleared its state must not miss one that it then receives
    /// before the row is marked sent. The id is the MassTransit MessageId of the published message, so a consumer's
    /// inbox recognises an event whether it came live or from the log.
    /// </summary>
    public static IEndpointConventionBuilder MapEventLog<TDbContext>(this IEndpointRouteBuilder app) where TDbContext : DbContext =>
        MapEventLog(app, typeof(TDbContext));

    /// <summary>Non-generic core (the route-handler analyzer cannot bind a generic DbContext parameter).</summary>
    private static IEndpointConventionBuilder MapEventLog(IEndpointRouteBuilder app, Type dbContextType) =>
        app.MapGet("/api/event-log", (HttpContext http, [Range(typeof(long), "0", "9223372036854775807")] long? after,
                [Range(1, MaxLimit)] int? limit, [MaxLength(MaxTypesLength)] string? types, CancellationToken ct) =>
                ReadAsync(after, limit, types, (DbContext)http.RequestServices.GetRequiredService(dbContextType), ct))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Event log")
            .WithSummary("The events this service has published, in order (admin; for rebuilding projections)")
            .WithDescription("after = the last position already read (default 0), limit ≤ 5000 (default 1000). Answers items with position, id "
                + "(the MessageId), type (EventCatalog name), aggregateId, createdAt and payload; last = the position to pass as 'after' next; "
                + "more = whether a full page was returned. types = a comma-separated list of event type names (at most "
                + $"{MaxTypesLength} characters): only events of those types, the positions still the log's own — a reader that projects a "
                + "few types pages through those alone (the reporting rebuild does). An unknown type name answers 400.");

    /// <summary>The longest <c>types</c> list accepted (every event type of the platform fits several times over).</summary>
    public const int MaxTypesLength = 2000;

    private static async Task<Results<Ok<EventLogPage>, ValidationProblem>> ReadAsync(
        long? after, int? limit, string? types, DbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (after is < 0) errors["after"] = ["'after' must be 0 or a position returned earlier."];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"'limit' must be between 1 and {MaxLimit}."];
        var only = types?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        if (types?.Length > MaxTypesLength) errors["types"] = [$"'types' may be at most {MaxTypesLength} characters."];
        else if (only is { Length: 0 }) errors["types"] = ["'types' must name at least one event type, or be left out."];
        else if (only?.FirstOrDefault(t => !EventSerializer.IsKnown(t)) is { } unknown)
            errors["types"] = [$"'{(unknown.Length > 100 ? unknown[..100] + "…" : unknown)}' is not an event type of this platform."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var from = after ?? 0;
        var take = limit ?? 1000;
        var log = db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Sequence > from);
        // the types this reader projects, filtered where the rows are: a rebuild skipped the mediator service's
        // AssignmentAwaited notices (one per dispute of a full town, projected nowhere) only after fetching and parsing them
        if (only is not null) log = log.Where(m => only.Contains(m.MessageType));
        var rows = await log
            .OrderBy(m => m.Sequence)
            .Take(take)
            .Select(m => new { m.Sequence, m.Id, m.MessageType, m.AggregateId, m.CreatedAt, m.Payload })
            .ToListAsync(ct);
        var items = rows.Select(r => new EventLogEntry(r.Sequence, r.Id, r.MessageType, r.AggregateId, r.CreatedAt,
            JsonDocument.Parse(r.Payload).RootElement.Clone())).ToList();
        return TypedResults.Ok(new EventLogPage(items, items.Count > 0 ? items[^1].Position : from, items.Count == take));
    }
}
