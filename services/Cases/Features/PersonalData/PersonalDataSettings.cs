namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>Configuration section <c>PersonalData</c>. Keys are base64 of 32 random bytes; no key is committed outside Development.</summary>
public sealed class PersonalDataSettings
{
    /// <summary>Id of the key new values are encrypted with; stored in front of every ciphertext.</summary>
    public string CurrentKeyId { get; set; } = "";

    /// <summary>All keys that may still be needed to decrypt (rotation: add a key, switch CurrentKeyId, --reencrypt-pii, drop the old one).</summary>
    public Dictionary<string, string> EncryptionKeys { get; set; } = [];

    /// <summary>Id of the HMAC key new ID-number hashes are made with; stored in front of every hash.</summary>
    public string CurrentHashKeyId { get; set; } = "";

    /// <summary>
    /// Keys of the HMAC that makes ID numbers findable by exact value without storing them in clear. Rotation as for
    /// encryption: add a key, switch CurrentHashKeyId (search then looks under every key), --rehash-pii, drop the old one.
    /// </summary>
    public Dictionary<string, string> HashKeys { get; set; } = [];

    /// <summary>
    /// The cipher of each encryption key id (ADR 0023): <c>aes-256-gcm</c> (the default; a 32-byte key) or <c>sm4-gcm</c>
    /// (商用密码 SM4, GB/T 32907-2016; a 16-byte key). Moving to SM4: add an SM4 key under a new id, make it current,
    /// <c>--reencrypt-pii</c>; both kinds of value stay readable meanwhile.
    /// </summary>
    public Dictionary<string, string> Algorithms { get; set; } = [];

    /// <summary>The MAC of each hash key id: <c>hmac-sha256</c> (the default) or <c>hmac-sm3</c> (SM3, GB/T 32905-2016).</summary>
    public Dictionary<string, string> HashAlgorithms { get; set; } = [];

    /// <summary><c>--reencrypt-pii</c> / <c>--rehash-pii</c>: parties per batch (one transaction each).</summary>
    public int ReencryptBatchSize { get; set; } = 500;

    /// <summary><c>--reencrypt-pii</c> / <c>--rehash-pii</c>: stop after this many batches (0: until done) — a long rotation spread over windows.</summary>
    public int ReencryptMaxBatches { get; set; }
}
