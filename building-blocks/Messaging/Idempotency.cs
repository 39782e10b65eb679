using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediationPlatform.Messaging;

/// <summary>
/// <c>Idempotency-Key</c> on the changing POSTs of the case and mediator services: the same key with the same body
/// returns the first answer; the same key with another body answers 422. Keys are per user; the answer is recorded in
/// the same transaction as the change it answers (the service's DbContext maps <see cref="IdempotencyRecord"/>), and the
/// table's unique key makes a concurrent second request with the key fail at its commit — it then gets the first answer.
/// <para>An endpoint takes keys by <see cref="IdempotentEndpoints.Idempotent{TDbContext}"/> (one filter: the replay and
/// the lost race are answered there, so the handler's own answers stay typed); the handler records its answer with
/// <c>Idempotency.Of(http)?.Record(…)</c>.</para>
/// </summary>
public sealed class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    private readonly HttpContext _http;
    private readonly DbContext _db;
    private readonly string _userId;

    private Idempotency(HttpContext http, DbContext db, string userId, string key, string requestHash)
    {
        _http = http;
        _db = db;
        _userId = userId;
        Key = key;
        RequestHash = requestHash;
    }

    public string Key { get; }

    /// <summary>
    /// A keyed hash (HMAC-SHA256 with <c>Idempotency:HashKey</c>) of the operation (with its route's ids) and the body:
    /// enough to tell "the same request again" from "another request with the same key", and no way back to the body's
    /// personal data.
    /// </summary>
    public string RequestHash { get; }

    /// <summary>The request's key, set by the endpoint's filter; null when the request carries none (or the endpoint takes none).</summary>
    public static Idempotency? Of(HttpContext http) => http.Features.Get<Idempotency>();

    internal static Idempotency Start(HttpContext http, DbContext db, string userId, string key, string operation, object? body)
    {
        var hash = Convert.ToHexString(HMACSHA256.HashData(http.RequestServices.GetRequiredService<IdempotencyOptions>().Key,
            Encoding.UTF8.GetBytes(operation + "\n" + JsonSerializer.Serialize(body))));
        var idempotency = new Idempotency(http, db, userId, key, hash);
        http.Features.Set(idempotency);
        return idempotency;
    }

    /// <summary>The stored answer for this key, a 422 for a different body, or null to go ahead.</summary>
    public async Task<IResult?> ReplayAsync(CancellationToken ct)
    {
        var record = await _db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.UserId == _userId && r.Key == Key, ct);
        if (record is null) return null;
        // expired (older than Idempotency:Retention): gone, as if the cleanup had already run
        var cutoff = _http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() - _http.RequestServices.GetRequiredService<IdempotencyOptions>().Retention;
        if (record.CreatedAt < cutoff)
        {
            await _db.Set<IdempotencyRecord>().Where(r => r.UserId == _userId && r.Key == Key && r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
            return null;
        }
        if (record.RequestHash != RequestHash)
            return TypedResults.Problem(statusCode: 422, title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was used with a different request; use a new key for a new request.");
        if (record.Location is not null) _http.Response.Headers.Location = record.Location;
        return Results.Content(record.ResponseBody, "application/json", Encoding.UTF8, record.StatusCode);
    }

    /// <summary>Adds the answer to the unit of work that makes the change (saved in the same transaction).</summary>
    public void Record(int statusCode, object response, string? location)
    {
        var options = _http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        _db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
        {
            UserId = _userId,
            Key = Key,
            RequestHash = RequestHash,
            StatusCode = statusCode,
            ResponseBody = JsonSerializer.Serialize(response, options),
            Location = location,
            CreatedAt = _http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
    }

    public static bool IsDuplicateKey(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: "23505" } pg && pg.TableName == "idempotency_records";
}

public static class IdempotentEndpoints
{
    /// <summary>
    /// The endpoint takes an <c>Idempotency-Key</c>. <paramref name="operation"/> names what the request does, with the
    /// route's ids in braces (<c>"risk-item-close:{id}:{itemId}"</c>); with the body it makes the request's hash. Before
    /// the handler: a key over 200 characters → 400; a key already answered → that answer again (or 422 for another
    /// body). After it: a concurrent request with the same key that lost the race at its commit → the winner's answer.
    /// </summary>
    public static RouteHandlerBuilder Idempotent<TDbContext>(this RouteHandlerBuilder endpoint, string operation)
        where TDbContext : DbContext =>
        endpoint
            .WithMetadata(new HeaderParameter(Idempotency.Header,
                "Makes a retry safe: the same key with the same request answers the first answer again (for 24 hours); with another request 422. Per user.",
                Idempotency.MaxKeyLength))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                if (http.Request.Headers[Idempotency.Header].FirstOrDefault() is not { Length: > 0 } key) return await next(context);
                if (key.Length > Idempotency.MaxKeyLength)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Idempotency.Header] = [$"At most {Idempotency.MaxKeyLength} characters."] });
                var db = http.RequestServices.GetRequiredService<TDbContext>();
                var user = http.RequestServices.GetRequiredService<CurrentUser>();
                var idempotency = Idempotency.Start(http, db, user.Id, key, Resolve(operation, http.Request.RouteValues), BodyOf(context));
                if (await idempotency.ReplayAsync(http.RequestAborted) is { } replay) return replay;
                try
                {
                    return await next(context);
                }
                catch (DbUpdateException ex) when (Idempotency.IsDuplicateKey(ex))
                {
                    // the same key arrived twice at once and the other request committed first: answer as it did
                    db.ChangeTracker.Clear();
                    return await idempotency.ReplayAsync(http.RequestAborted)
                        ?? TypedResults.Problem(statusCode: 409, title: "Concurrent retry",
                            detail: "Another request with this Idempotency-Key is still being answered; retry in a second.");
                }
            });

    /// <summary>"risk-item:{id}" with the route's id → "risk-item:0190…".</summary>
    private static string Resolve(string operation, RouteValueDictionary route)
    {
        foreach (var (name, value) in route)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            if (Guid.TryParse(text, out var id)) text = id.ToString(); // one spelling of an id, whatever case the client used
            operation = operation.Replace("{" + name + "}", text, StringComparison.Ordinal);
        }
        return operation;
    }

    /// <summary>The request's body as the handler received it (the argument of the type the endpoint accepts), or null.</summary>
    private static object? BodyOf(EndpointFilterInvocationContext context)
    {
        var accepts = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        return accepts is null ? null : context.Arguments.FirstOrDefault(a => a is not null && accepts.IsInstanceOfType(a));
    }
}
