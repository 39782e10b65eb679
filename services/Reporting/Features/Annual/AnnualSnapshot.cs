namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// One run of the annual aggregation: the figures as they were at <see cref="GeneratedAt"/>. Insert-only — a database
/// trigger rejects UPDATE and DELETE; a rerun adds a new row.
/// </summary>
public sealed class AnnualSnapshot
{
    public Guid Id { get; set; }
    public int Year { get; set; }

    /// <summary>Null: every region of the platform.</summary>
    public string? RegionCode { get; set; }

    public string? RegionName { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>schedule | api | cli</summary>
    public string Trigger { get; set; } = "";

    /// <summary>The figures object, as JSON (camelCase, snake_case enum keys).</summary>
    public string Figures { get; set; } = "{}";

    /// <summary>Names of the regions the figures mention (code → 名称), frozen with the snapshot for the Markdown.</summary>
    public string RegionNames { get; set; } = "{}";

    /// <summary>The <c>Idempotency-Key</c> of the POST that made it: a retried request returns this snapshot, not a new run.</summary>
    public string? IdempotencyKey { get; set; }
}
