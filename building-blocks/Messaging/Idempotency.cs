using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediationPlatform.Messaging;

/// <summary>
/// <c>Idempotency-Key</c> on the creating POSTs of the case and mediator services: the same key with the same body
/// returns the first answer; the same key with another body answers 422. Keys are per user; the answer is recorded in
/// the same transaction as the change it answers (the service's DbContext maps <see cref="IdempotencyRecord"/>).
/// </summary>
public sealed class Idempotency(HttpContext http, DbContext db, CurrentUser user)
{
    public const string Header = "Idempotency-Key";

    public string? Key { get; } = http.Request.Headers[Header].FirstOrDefault() is { Length: > 0 } k ? k : null;

    /// <summary>
    /// A keyed hash (HMAC-SHA256 with <c>Idempotency:HashKey</c>) of the route and the body: enough to tell "the same
    /// request again" from "another request with the same key", and no way back to the body's personal data.
    /// </summary>
    public string Hash(string route, object? body) =>
        Convert.ToHexString(HMACSHA256.HashData(http.RequestServices.GetRequiredService<IdempotencyOptions>().Key,
            Encoding.UTF8.GetBytes(route + "\n" + JsonSerializer.Serialize(body))));

    /// <summary>The stored answer for this key, a 422 for a different body, or null to go ahead.</summary>
    public async Task<IResult?> ReplayAsync(string hash, CancellationToken ct)
    {
        if (Key is null) return null;
        if (Key.Length > 200) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Header] = ["At most 200 characters."] });
        var record = await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.UserId == user.Id && r.Key == Key, ct);
        if (record is null) return null;
        // expired (older than Idempotency:Retention): gone, as if the cleanup had already run
        var cutoff = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() - http.RequestServices.GetRequiredService<IdempotencyOptions>().Retention;
        if (record.CreatedAt < cutoff)
        {
            await db.Set<IdempotencyRecord>().Where(r => r.UserId == user.Id && r.Key == Key && r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
            return null;
        }
        if (record.RequestHash != hash)
            return TypedResults.Problem(statusCode: 422, title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was used with a different request; use a new key for a new request.");
        if (record.Location is not null) http.Response.Headers.Location = record.Location;
        return Results.Content(record.ResponseBody, "application/json", Encoding.UTF8, record.StatusCode);
    }

    /// <summary>Adds the answer to the unit of work that makes the change (saved in the same transaction).</summary>
    public void Record(string hash, int statusCode, object response, string? location)
    {
        if (Key is null) return;
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
        {
            UserId = user.Id,
            Key = Key,
            RequestHash = hash,
            StatusCode = statusCode,
            ResponseBody = JsonSerializer.Serialize(response, options),
            Location = location,
            CreatedAt = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
    }

    public static bool IsDuplicateKey(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: "23505" } pg && pg.TableName == "idempotency_records";
}
