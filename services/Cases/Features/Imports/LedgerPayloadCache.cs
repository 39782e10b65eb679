using System.Collections.Concurrent;
using System.Text.Json;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// A running import's rows, decrypted once per process instead of once per batch (they are the job's
/// <see cref="LedgerImportPayload"/>, read again after a restart).
/// </summary>
public sealed class LedgerPayloadCache(PersonalDataProtector protector)
{
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<LedgerRow>> _rows = new();

    /// <summary>The import's id is the associated data: a payload cannot be moved to another import.</summary>
    public const string Field = "ledger_rows";

    public static string Seal(Guid importId, IReadOnlyList<LedgerRow> rows, PersonalDataProtector protector) =>
        protector.Encrypt(JsonSerializer.Serialize(rows, LedgerJson.Options), importId, Field);

    public async Task<IReadOnlyList<LedgerRow>> RowsAsync(Guid importId, CasesDbContext db, CancellationToken ct)
    {
        if (_rows.TryGetValue(importId, out var cached)) return cached;
        var payload = await db.LedgerImportPayloads.AsNoTracking().FirstAsync(p => p.ImportId == importId, ct);
        var rows = JsonSerializer.Deserialize<List<LedgerRow>>(protector.Decrypt(payload.RowsEncrypted, importId, Field), LedgerJson.Options)
            ?? throw new InvalidOperationException($"Import {importId} has no rows.");
        return _rows[importId] = rows;
    }

    public void Forget(Guid importId) => _rows.TryRemove(importId, out _);
}
