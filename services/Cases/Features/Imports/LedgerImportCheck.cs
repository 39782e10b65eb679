using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Cases.Features.RepeatMatters;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// Everything a ledger is checked against before anything is written, shared by the dry run, the real import's
/// refusal (422) and the job: the town's villages and mediators, the rows already imported, and the possible duplicates
/// among the cases already in the platform.
/// </summary>
public sealed class LedgerImportCheck(CasesDbContext db, CaseStore store, LedgerValidator validator, DuplicateFinder duplicates,
    PersonalDataProtector protector)
{
    /// <summary>The town's regions (itself, its villages and communities) and the active mediators serving any of them or its district.</summary>
    public async Task<LedgerValidator.Scope> ScopeAsync(RegionRef town, string actor, CancellationToken ct)
    {
        var regions = await db.Regions.AsNoTracking().Where(r => r.TownCode == town.Code).ToListAsync(ct);
        var codes = regions.Select(r => r.Code).Append(town.Code).ToHashSet(StringComparer.Ordinal);
        if (town.DistrictCode is { } district) codes.Add(district);
        var mediators = (await db.Mediators.AsNoTracking().Where(m => m.Active).ToListAsync(ct))
            .Where(m => m.RegionCodes.Any(codes.Contains)).ToList();
        return new LedgerValidator.Scope(town, regions, mediators, store.Context(actor));
    }

    /// <summary>Checks a sheet: its valid rows, and the report (errors, rows already imported, possible duplicates).</summary>
    public async Task<(List<LedgerRow> Rows, ImportReport Report)> CheckAsync(LedgerSheet sheet, LedgerValidator.Scope scope,
        Func<IQueryable<Case>, IQueryable<Case>> visible, CancellationToken ct)
    {
        var (rows, errors) = validator.Validate(sheet, scope);
        if (sheet.Rows.Count == 0 && sheet.MissingColumns.Count == 0)
            errors.Add(new ImportError(sheet.HeaderRow + 1, null, null, $"第 {sheet.HeaderRow + 1} 行：表头下没有数据行"));
        var done = await AlreadyImportedAsync(db, scope.Town.Code, rows, ct);
        var fresh = rows.Where(r => !done.Contains((r.Year, r.Sequence))).ToList();
        var found = new List<ImportDuplicate>();
        foreach (var chunk in fresh.Chunk(2000))
        {
            var probes = chunk.Select(r => (Row: r, Probe: ProbeOf(r, scope.Town.Code, protector))).ToList();
            var index = new DuplicateIndex(await duplicates.CandidatesAsync(probes.Select(p => p.Probe).ToList(), visible, ct));
            found.AddRange(probes.SelectMany(p => index.Among(p.Probe).Select(d => ImportDuplicate.Of(p.Row.Row, d))));
        }
        var rowsWithErrors = errors.Where(e => e.Row > sheet.HeaderRow).Select(e => e.Row).Distinct().Count();
        var valid = sheet.MissingColumns.Count > 0 ? 0 : sheet.Rows.Count - rowsWithErrors;
        return (rows, new ImportReport(sheet.Rows.Count, valid, rows.Count - fresh.Count, errors, found));
    }

    /// <summary>The (year, 序号) of <paramref name="rows"/> already imported into the town.</summary>
    public static async Task<HashSet<(int Year, string Sequence)>> AlreadyImportedAsync(CasesDbContext db, string town, IReadOnlyCollection<LedgerRow> rows,
        CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var years = rows.Select(r => r.Year).Distinct().ToList();
        var sequences = rows.Select(r => r.Sequence).Distinct().ToList();
        var existing = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.TownCode == town && years.Contains(e.Year) && sequences.Contains(e.Sequence))
            .Select(e => new { e.Year, e.Sequence }).ToListAsync(ct);
        return existing.Select(e => (e.Year, e.Sequence)).ToHashSet();
    }

    /// <summary>A ledger row as the repeat-matter rule sees a new case: its town, category, day of receipt and applicants' keyed hashes.</summary>
    public static RepeatProbe ProbeOf(LedgerRow row, string town, PersonalDataProtector protector, Guid? id = null, string number = "") =>
        new(id ?? Guid.Empty, number, CaseKind.Dispute, row.Category, null, town, CaseStatus.Registered, ChinaTime.StartOfDay(row.RegisteredOn),
            row.Applicants.Select((name, i) => new ApplicantKey(name,
                i == 0 && row.ApplicantIdNumber is { } idNumber ? protector.HashIdNumber(idNumber) : null,
                i == 0 && row.ApplicantPhone is { } phone ? protector.HashPhone(phone) : null)).ToList());
}
