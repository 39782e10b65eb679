using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>
/// Key rotation for parties' ID numbers and phones (<c>dotnet MediationPlatform.Cases.dll --reencrypt-pii</c>):
/// every value not yet under <c>PersonalData:CurrentKeyId</c> is decrypted with its own key and encrypted with the
/// current one, and every ID-number hash not yet under <c>PersonalData:CurrentHashKeyId</c> is made again from the
/// decrypted number — in batches of <c>PersonalData:ReencryptBatchSize</c>, each committed on its own. Idempotent (a
/// value already under the current keys is never touched) and resumable (a stopped run leaves committed batches done;
/// the next run picks up the rest). While it runs, search looks under every configured hash key.
/// </summary>
public sealed class PiiReencryption(IServiceScopeFactory scopes, PersonalDataProtector protector, PersonalDataSettings settings, ILogger<PiiReencryption> logger)
{
    public async Task<ReencryptionResult> RunAsync(CancellationToken ct)
    {
        var batchSize = Math.Clamp(settings.ReencryptBatchSize, 1, 10_000);
        var current = protector.CurrentKeyId + ":";
        var currentHash = protector.CurrentHashKeyId + ":";
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
                    || (p.PhoneEncrypted != null && !p.PhoneEncrypted.StartsWith(current))
                    || (p.IdNumberHash != null && !p.IdNumberHash.StartsWith(currentHash))
                    || (p.PhoneHash != null && !p.PhoneHash.StartsWith(currentHash)))
                .OrderBy(p => p.Id).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                var documents = await ResealIssuedDocumentsAsync(ct);
                logger.LogInformation("Personal data re-encrypted with key {KeyId}: {Count} parties in {Batches} batches, {Documents} issued documents; nothing left.",
                    protector.CurrentKeyId, total, batches, documents);
                return new ReencryptionResult(total, batches, true, documents);
            }
            foreach (var p in batch)
            {
                if (!protector.IsCurrent(p.IdNumberEncrypted) || !protector.IsCurrentHash(p.IdNumberHash))
                {
                    var number = protector.Decrypt(p.IdNumberEncrypted!, p.Id, PersonalDataProtector.IdNumberField);
                    p.IdNumberEncrypted = protector.Encrypt(number, p.Id, PersonalDataProtector.IdNumberField);
                    p.IdNumberHash = protector.HashIdNumber(number);
                }
                if (!protector.IsCurrent(p.PhoneEncrypted) || !protector.IsCurrentHash(p.PhoneHash))
                {
                    var phone = protector.Decrypt(p.PhoneEncrypted!, p.Id, PersonalDataProtector.PhoneField);
                    p.PhoneEncrypted = protector.Encrypt(phone, p.Id, PersonalDataProtector.PhoneField);
                    p.PhoneHash = protector.HashPhone(phone);
                }
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

    /// <summary>
    /// Issued documents keep the parties' ID numbers and phones sealed as they were when issued (ADR 0019): once the
    /// parties are done, the same values in their stored data are re-sealed under the current key, so an unmasked reprint
    /// still works after the old key is dropped. Their content hash still names what was issued.
    /// </summary>
    private async Task<int> ResealIssuedDocumentsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        var resealed = 0;
        foreach (var document in await db.IssuedDocuments.ToListAsync(ct))
        {
            var dossier = Dossier.FromJson(document.Data);
            if (dossier.Parties.All(p => protector.IsCurrent(p.IdNumberSealed) && protector.IsCurrent(p.PhoneSealed))) continue;
            string? Reseal(string? value, Guid party, string field) =>
                value is null || protector.IsCurrent(value) ? value : protector.Encrypt(protector.Decrypt(value, party, field), party, field);
            document.Data = (dossier with
            {
                Parties = dossier.Parties.Select(p => p with
                {
                    IdNumberSealed = Reseal(p.IdNumberSealed, p.PartyId, PersonalDataProtector.IdNumberField),
                    PhoneSealed = Reseal(p.PhoneSealed, p.PartyId, PersonalDataProtector.PhoneField),
                }).ToList(),
            }).ToJson();
            resealed++;
        }
        await db.SaveChangesAsync(ct);
        return resealed;
    }
}
