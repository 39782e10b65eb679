using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// An import job (POST /api/imports, not a dry run): the town, the file, how far it got. The rows to import wait,
/// encrypted, in its <see cref="LedgerImportPayload"/> until the job is done. <see cref="NextRow"/> moves with every batch
/// in the batch's own transaction, so a restarted service goes on where it stopped (ADR 0014).
/// </summary>
public sealed class LedgerImport : IRegionPlaced
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    public Guid Id { get; set; }

    /// <summary>The town imported into.</summary>
    public string RegionCode { get; set; } = "";

    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public string FileName { get; set; } = "";

    /// <summary><see cref="Running"/>, <see cref="Done"/> or <see cref="Failed"/>.</summary>
    public string Status { get; set; } = Running;

    /// <summary>Data rows in the file (all valid: a file with errors never becomes a job).</summary>
    public int Rows { get; set; }

    public int Imported { get; set; }

    /// <summary>Rows already imported before (same town, year of 登记日期 and 序号).</summary>
    public int Skipped { get; set; }

    /// <summary>Index into the stored rows of the first row not yet done.</summary>
    public int NextRow { get; set; }

    /// <summary>The rows that may repeat a case (JSON list of <see cref="ImportDuplicate"/>, at most <see cref="MaxDuplicatesListed"/>).</summary>
    public string PossibleDuplicates { get; set; } = "[]";

    public int PossibleDuplicateCount { get; set; }

    /// <summary>Why the job stopped, when it failed.</summary>
    public string? Failure { get; set; }

    /// <summary>The user who started it: the actor of every case change it makes.</summary>
    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public const int MaxDuplicatesListed = 1000;
}
