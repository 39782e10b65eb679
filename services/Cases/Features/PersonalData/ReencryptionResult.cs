namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>What one <c>--reencrypt-pii</c> run did: parties re-encrypted, batches, and whether nothing is left.</summary>
public sealed record ReencryptionResult(int Reencrypted, int Batches, bool Finished, int Documents = 0);
