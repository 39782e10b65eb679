using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.ServiceDefaults.Audit;

/// <summary>
/// One row of a service's security audit trail (等保 2.0 安全审计; 网络安全法 Art. 21: kept ≥ 180 days): what happened
/// (<see cref="Kind"/>), who (<see cref="Actor"/>: a user or client id), from where, to what (<see cref="Target"/>: a
/// reference — a case id, a user id — never personal data), and the hash that chains it to the row before.
/// </summary>
public sealed class AuditEntry
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? Address { get; set; }
    public string? Target { get; set; }
    public string? Details { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>An entry as the audit endpoints show it, with the service whose chain it belongs to.</summary>
public sealed record AuditEntryResponse(string Service, long Seq, DateTimeOffset At, string Kind, string Actor, string? Address, string? Target,
    JsonElement? Details, string Hash);

/// <summary>
/// The audit trail of one service's database (ADR 0022): <c>audit_entries</c>, insert-only (a trigger refuses UPDATE,
/// DELETE and TRUNCATE to every login), each row's hash computed <b>in the database</b> under a transaction-scoped
/// advisory lock — SHA-256 over its sequence number, time (µs), kind, actor, address, target, details and the previous
/// row's hash — so two replicas appending at once cannot fork the chain, and a row edited, removed or inserted by SQL
/// breaks it (<see cref="VerifyAsync"/>, <c>--verify-audit</c>).
/// </summary>
public static class AuditTrail
{
    public const string Genesis = "genesis";
    private const long LockKey = 0x4D50_4155_4449_54; // "MPAUDIT": one chain per database

    /// <summary>The row's hash input, the same expression for writing and for verifying.</summary>
    private const string HashOf = """
        encode(sha256(convert_to(concat_ws('|', {0}.seq, (extract(epoch from {0}.at) * 1000000)::bigint, {0}.kind, {0}.actor,
          coalesce({0}.address, ''), coalesce({0}.target, ''), coalesce({0}.details::text, ''), {0}.prev_hash), 'UTF8')), 'hex')
        """;

    /// <summary>For the migration that creates the table: the insert-only triggers.</summary>
    public const string InsertOnlySql = """
        CREATE OR REPLACE FUNCTION audit_entries_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_entries is insert-only: % is not allowed (ADR 0022)', TG_OP;
        END $$;
        CREATE TRIGGER audit_entries_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_entries
            FOR EACH ROW EXECUTE FUNCTION audit_entries_insert_only();
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
            FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_insert_only();
        """;

    public static ModelBuilder AddAuditTrail(this ModelBuilder model)
    {
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).ValueGeneratedNever();
            e.Property(x => x.Kind).HasMaxLength(60);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(64);
            e.Property(x => x.Target).HasMaxLength(200);
            e.Property(x => x.Details).HasColumnType("jsonb");
            e.Property(x => x.PrevHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.Kind, x.At });
        });
        return model;
    }

    /// <summary>
    /// Appends an entry, in the caller's transaction when there is one (so the entry and the change it records commit
    /// together), else in its own. <paramref name="details"/> is serialised to JSON: references only.
    /// </summary>
    public static async Task AppendAsync(DbContext db, string kind, string actor, string? address, string? target, object? details, CancellationToken ct)
    {
        var json = details is null ? null : JsonSerializer.Serialize(details, JsonOptions);
        var sql = $"""
            SELECT pg_advisory_xact_lock({LockKey});
            INSERT INTO audit_entries (seq, at, kind, actor, address, target, details, prev_hash, hash)
            SELECT n.seq, n.at, n.kind, n.actor, n.address, n.target, n.details, n.prev_hash, {string.Format(HashOf, "n")}
            FROM (SELECT coalesce((SELECT max(seq) FROM audit_entries), 0) + 1 AS seq, date_trunc('microseconds', clock_timestamp()) AS at,
                         @kind::text AS kind, @actor::text AS actor, @address::text AS address, @target::text AS target, @details::jsonb AS details,
                         coalesce((SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1), '{Genesis}') AS prev_hash) n;
            """;
        object?[] parameters =
        [
            new NpgsqlParameter("kind", kind), new NpgsqlParameter("actor", Truncate(actor, 200)),
            new NpgsqlParameter("address", (object?)Truncate(address, 64) ?? DBNull.Value), new NpgsqlParameter("target", (object?)Truncate(target, 200) ?? DBNull.Value),
            new NpgsqlParameter("details", (object?)json ?? DBNull.Value),
        ];
        if (db.Database.CurrentTransaction is not null)
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters!, ct);
            return;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async cancel =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancel);
            await db.Database.ExecuteSqlRawAsync(sql, parameters.Select(p => (object)((NpgsqlParameter)p!).Clone()).ToArray(), cancel);
            await tx.CommitAsync(cancel);
        }, ct);
    }

    /// <summary>The chain checked from its first row: the number of rows, and the first sequence number that breaks it (null: intact).</summary>
    public static async Task<(long Entries, long? FirstBroken)> VerifyAsync(DbContext db, CancellationToken ct)
    {
        var entries = await db.Set<AuditEntry>().LongCountAsync(ct);
        var broken = await db.Database.SqlQueryRaw<long>(VerifySql).ToListAsync(ct);
        return (entries, broken.Count == 0 ? null : broken[0]);
    }

    /// <summary><c>--verify-audit</c> of every service: prints the result and answers the exit code (1 when the chain is broken).</summary>
    public static async Task<int> VerifyCommandAsync(DbContext db, TextWriter output, CancellationToken ct)
    {
        var (entries, broken) = await VerifyAsync(db, ct);
        await output.WriteLineAsync(broken is null ? $"audit: entries={entries} intact" : $"audit: entries={entries} broken at seq {broken}");
        return broken is null ? 0 : 1;
    }

    private static readonly string VerifySql = $"""
            SELECT x.seq AS "Value" FROM (
                SELECT e.seq, e.hash, e.prev_hash, {string.Format(HashOf, "e")} AS recomputed,
                       lag(e.seq) OVER (ORDER BY e.seq) AS before_seq, lag(e.hash) OVER (ORDER BY e.seq) AS before_hash
                FROM audit_entries e) x
            WHERE x.recomputed <> x.hash
               OR (x.before_seq IS NULL AND (x.seq <> 1 OR x.prev_hash <> '{Genesis}'))
               OR (x.before_seq IS NOT NULL AND (x.seq <> x.before_seq + 1 OR x.prev_hash <> x.before_hash))
            ORDER BY x.seq LIMIT 1
            """;

    public static async Task<Results<Ok<Paged<AuditEntryResponse>>, ValidationProblem>> ReadAsync(DbContext db, string service, string? kind, DateTimeOffset? from, DateTimeOffset? to,
        int? page, int? pageSize, CancellationToken ct)
    {
        var v = new Validation().MaxLength("kind", kind, 60);
        var paging = PageRequest.From(page, pageSize, v, defaultSize: 100, maxSize: 500);
        if (from is { } f && to is { } t && t <= f) v.Add("to", "'to' must be after 'from'.");
        if (!v.IsValid) return v.Problem();
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrEmpty(kind)) query = query.Where(e => e.Kind == kind);
        if (from is { } since) query = query.Where(e => e.At >= since);
        if (to is { } until) query = query.Where(e => e.At < until);
        return TypedResults.Ok(await query.OrderByDescending(e => e.Seq).ToPageAsync(paging, e => Response(service, e), ct));
    }

    public static AuditEntryResponse Response(string service, AuditEntry e) =>
        new(service, e.Seq, e.At, e.Kind, e.Actor, e.Address, e.Target, e.Details is null ? null : JsonDocument.Parse(e.Details).RootElement.Clone(), e.Hash);

    /// <summary>The caller's address as the service sees it (after trusted forwarded headers).</summary>
    public static string? AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static string? Truncate(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];
}

/// <summary>
/// Records an audit entry for the current request: the actor is the token's subject (or the <c>actor</c> given when
/// there is no signed-in caller), the address the request's.
/// </summary>
public sealed class AuditRecorder(IHttpContextAccessor accessor)
{
    public Task RecordAsync(DbContext db, string kind, string? target, object? details, CancellationToken ct, string? actor = null)
    {
        var http = accessor.HttpContext;
        var subject = actor ?? http?.User.FindFirst(ClaimNames.Subject)?.Value ?? "anonymous";
        return AuditTrail.AppendAsync(db, kind, subject, http is null ? null : AuditTrail.AddressOf(http), target, details, ct);
    }
}
