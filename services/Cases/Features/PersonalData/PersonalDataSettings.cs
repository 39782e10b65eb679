namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>Configuration section <c>PersonalData</c>. Keys are base64 of 32 random bytes.</summary>
public sealed class PersonalDataSettings
{
    /// <summary>Id of the key new values are encrypted with; stored in front of every ciphertext.</summary>
    public string CurrentKeyId { get; set; } = "dev1";

    /// <summary>All keys that may still be needed to decrypt (rotation: add a key, switch CurrentKeyId, re-encrypt, drop the old one).</summary>
    public Dictionary<string, string> EncryptionKeys { get; set; } = [];

    /// <summary>Key of the HMAC that makes ID numbers findable by exact value without storing them in clear.</summary>
    public string HashKey { get; set; } = "";

    /// <summary><c>--reencrypt-pii</c>: parties per batch (one transaction each).</summary>
    public int ReencryptBatchSize { get; set; } = 500;

    /// <summary><c>--reencrypt-pii</c>: stop after this many batches (0: until done) — a long rotation spread over windows.</summary>
    public int ReencryptMaxBatches { get; set; }
}
