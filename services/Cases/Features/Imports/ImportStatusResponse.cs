using System.Text.Json;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>An import job as <c>GET /api/imports/{id}</c> answers it.</summary>
public sealed record ImportStatusResponse(
    Guid Id, string Status, string RegionCode, string FileName, int Rows, int Imported, int Skipped,
    IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportDuplicate> PossibleDuplicates, int PossibleDuplicateCount,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public static ImportStatusResponse From(LedgerImport job) => new(
        job.Id, job.Status, job.RegionCode, job.FileName, job.Rows, job.Imported, job.Skipped,
        job.Failure is null ? [] : [new ImportError(0, null, null, job.Failure)],
        JsonSerializer.Deserialize<List<ImportDuplicate>>(job.PossibleDuplicates, LedgerJson.Options) ?? [],
        job.PossibleDuplicateCount, job.CreatedAt, job.FinishedAt);
}
