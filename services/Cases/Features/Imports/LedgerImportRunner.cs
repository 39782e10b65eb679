using System.Text.Json;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Numbering;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Cases.Features.RepeatMatters;
using MediationPlatform.Contracts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// One batch of a running import (<see cref="LedgerImportWorker"/> calls it until nothing is left), in one transaction:
/// <list type="number">
/// <item>take the oldest running job's row lock (<c>FOR UPDATE SKIP LOCKED</c>: another instance takes another job or waits);</item>
/// <item>skip rows already imported (town, year of 登记日期, 序号 — <see cref="LedgerEntry"/>, whose primary key also stops
/// two imports of one row at once);</item>
/// <item>number the batch with one counter upsert per year (<see cref="CaseNumbers.ReserveAsync"/>), find possible
/// duplicates with one query (<see cref="DuplicateFinder"/>), build each case through the aggregate
/// (<see cref="LedgerCaseBuilder"/>) and save it through <see cref="CaseStore.Add"/> — timeline and outbox rows like
/// any registration;</item>
/// <item>move the job's progress in the same transaction, so a crash redoes at most the batch it interrupted.</item>
/// </list>
/// </summary>
public sealed class LedgerImportRunner(CaseStore store, LedgerCaseBuilder builder, DuplicateFinder duplicates, PersonalDataProtector protector,
    LedgerPayloadCache cache, IConfiguration configuration, TimeProvider clock, ILogger<LedgerImportRunner> logger)
{
    public int BatchSize => Math.Clamp(configuration.GetValue("Imports:BatchSize", 500), 1, 5000);

    /// <summary>Runs one batch; true when there may be more to do.</summary>
    public async Task<bool> RunBatchAsync(CancellationToken ct)
    {
        Guid? jobId = null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var more = await store.InTransactionAsync(async cancel =>
            {
                var db = store.Db;
                // thousands of new rows and one changed job: the batch tells EF what changed instead of a scan of every entry
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var ids = await db.Database.SqlQuery<Guid>(
                    $"SELECT id AS \"Value\" FROM ledger_imports WHERE status = {LedgerImport.Running} ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                    .ToListAsync(cancel);
                if (ids.Count == 0) return (false, false);
                jobId = ids[0];
                var job = await db.LedgerImports.FirstAsync(x => x.Id == ids[0], cancel);
                var rows = await cache.RowsAsync(job.Id, db, cancel);
                var batch = rows.Skip(job.NextRow).Take(BatchSize).ToList();
                var found = await ImportAsync(job, batch, cancel);

                var now = store.Context(job.CreatedBy).Now;
                job.NextRow += batch.Count;
                job.UpdatedAt = now;
                if (found.Count > 0)
                {
                    var listed = JsonSerializer.Deserialize<List<ImportDuplicate>>(job.PossibleDuplicates, LedgerJson.Options) ?? [];
                    listed.AddRange(found.Take(LedgerImport.MaxDuplicatesListed - listed.Count));
                    job.PossibleDuplicates = JsonSerializer.Serialize(listed, LedgerJson.Options);
                    job.PossibleDuplicateCount += found.Count;
                }
                logger.LogDebug("Ledger import {ImportId}: rows {From}–{To} of {Rows} built in {Ms:F0} ms",
                    job.Id, job.NextRow - batch.Count + 1, job.NextRow, rows.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (job.NextRow >= rows.Count)
                {
                    job.Status = LedgerImport.Done;
                    job.FinishedAt = now;
                    await db.LedgerImportPayloads.Where(p => p.ImportId == job.Id).ExecuteDeleteAsync(cancel);
                    cache.Forget(job.Id);
                }
                db.Entry(job).DetectChanges();
                return (true, true);
            }, ct);
            if (jobId is { } done)
                logger.LogDebug("Ledger import {ImportId}: batch saved, {Ms:F0} ms in all", done, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return more;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "ledger_entries" })
        {
            return true; // another import wrote some of these rows at the same moment: the batch is redone and skips them
        }
        catch (Exception ex) when (jobId is { } id && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Ledger import {ImportId} failed", id);
            cache.Forget(id);
            await store.Db.LedgerImports.Where(x => x.Id == id && x.Status == LedgerImport.Running).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, LedgerImport.Failed)
                .SetProperty(x => x.Failure, $"导入中断：{Truncate(ex.Message)}（已导入的行保留；修正后重新导入同一文件，已导入的行会被跳过）")
                .SetProperty(x => x.FinishedAt, clock.GetUtcNow()), ct);
            await store.Db.LedgerImportPayloads.Where(p => p.ImportId == id).ExecuteDeleteAsync(ct);
            return true;
        }
    }

    /// <summary>Turns a batch of rows into cases in the current unit of work; returns the possible duplicates found.</summary>
    private async Task<List<ImportDuplicate>> ImportAsync(LedgerImport job, IReadOnlyList<LedgerRow> batch, CancellationToken ct)
    {
        var db = store.Db;
        var done = await LedgerImportCheck.AlreadyImportedAsync(db, job.RegionCode, batch, ct);
        var todo = batch.Where(r => !done.Contains((r.Year, r.Sequence))).ToList();
        job.Skipped += batch.Count - todo.Count;
        if (todo.Count == 0) return [];

        var town = await db.Regions.AsNoTracking().FirstAsync(r => r.Code == job.RegionCode, ct);
        var places = (await db.Regions.AsNoTracking().Where(r => r.TownCode == town.Code).ToListAsync(ct)).ToDictionary(r => r.Code, r => r.Path);
        var ctx = store.Context(job.CreatedBy);
        var numbers = new Dictionary<int, Queue<string>>();
        foreach (var year in todo.GroupBy(r => r.Year))
            numbers[year.Key] = new Queue<string>(await CaseNumbers.ReserveAsync(db, town.Path, CaseKind.Dispute, year.Key, year.Count(), ct));
        // the importer is an admin or a supervisor of the town, who sees every case there: no narrower view to apply
        var probes = todo.Select(r => LedgerImportCheck.ProbeOf(r, town.Code, protector)).ToList();
        var index = new DuplicateIndex(await duplicates.CandidatesAsync(probes, q => q, ct));

        var found = new List<ImportDuplicate>();
        for (var i = 0; i < todo.Count; i++)
        {
            var row = todo[i];
            var possible = index.Among(probes[i]);
            var ledger = new { importId = job.Id, file = job.FileName, row = row.Row, sequence = row.Sequence, mediator = row.MediatorName };
            var c = builder.Build(row, places.TryGetValue(row.RegionCode, out var place) ? place : town.Path, numbers[row.Year].Dequeue(), ctx,
                new RegistrationNotes(possible, ledger));
            store.Add(c);
            await DuplicateFinder.NoticeAsync(store, c, possible, ctx, ct);
            index.Add(RepeatProbe.Of(c)); // later rows of this batch may repeat it
            db.LedgerEntries.Add(new LedgerEntry { TownCode = town.Code, Year = row.Year, Sequence = row.Sequence, CaseId = c.Id, ImportId = job.Id, Row = row.Row });
            found.AddRange(possible.Select(d => ImportDuplicate.Of(row.Row, d)));
        }
        job.Imported += todo.Count;
        return found;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
