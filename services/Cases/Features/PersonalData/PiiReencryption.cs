using MediationPlatform.Cases.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.PersonalData;


/// <summary>
/// Key rotation for parties' ID numbers and phones (<c>dotnet MediationPlatform.Cases.dll --reencrypt-pii</c>):
/// every value not yet under <c>PersonalData:CurrentKeyId</c> is decrypted with its own key and encrypted with the
/// current one, in batches of <c>PersonalData:ReencryptBatchSize</c>, each committed on its own. Idempotent (a value
/// already under the current key is never touched) and resumable (a stopped run leaves committed batches done; the
/// next run picks up the rest). The keyed hash of ID numbers does not change, so exact search keeps working.
/// </summary>
public sealed class PiiReencryption(IServiceScopeFactory scopes, PersonalDataProtector protector, PersonalDataSettings settings, ILogger<PiiReencryption> logger)
{
    public async Task<ReencryptionResult> RunAsync(CancellationToken ct)
    {
        var batchSize = Math.Clamp(settings.ReencryptBatchSize, 1, 10_000);
        var current = protector.CurrentKeyId + ":";
        var after = Guid.Empty;
        var total = 0;
        var batches = 0;
        while (settings.ReencryptMaxBatches <= 0 || batches < settings.ReencryptMaxBatches)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
            var batch = await db.Parties
                .Where(p => p.Id > after) // keyset: a row that failed is not retried in the same run
                .Where(p => (p.IdNumberEncrypted != null && !p.IdNumberEncrypted.StartsWith(current))
                    || (p.PhoneEncrypted != null && !p.PhoneEncrypted.StartsWith(current)))
                .OrderBy(p => p.Id).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                logger.LogInformation("Personal data re-encrypted with key {KeyId}: {Count} parties in {Batches} batches; nothing left.", protector.CurrentKeyId, total, batches);
                return new ReencryptionResult(total, batches, true);
            }
            foreach (var p in batch)
            {
                if (!protector.IsCurrent(p.IdNumberEncrypted)) p.IdNumberEncrypted = protector.Encrypt(protector.Decrypt(p.IdNumberEncrypted!));
                if (!protector.IsCurrent(p.PhoneEncrypted)) p.PhoneEncrypted = protector.Encrypt(protector.Decrypt(p.PhoneEncrypted!));
            }
            try
            {
                await db.SaveChangesAsync(ct);
                total += batch.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // a party replaced by a PATCH meanwhile: its successor is already under the current key; the rest is retried next run
                logger.LogWarning("A batch of parties changed while it was re-encrypted; run --reencrypt-pii again to finish it.");
            }
            batches++;
            after = batch[^1].Id;
        }
        logger.LogInformation("Personal data re-encryption stopped after {Batches} batches ({Count} parties); run again to continue.", batches, total);
        return new ReencryptionResult(total, batches, false);
    }
}
