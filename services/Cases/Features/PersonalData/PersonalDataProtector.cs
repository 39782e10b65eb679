using System.Security.Cryptography;
using System.Text;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>
/// Encrypts ID numbers and phones with AES-256-GCM or SM4-GCM, chosen per key id (ADR 0023), sealed as
/// <c>keyId:algorithm:base64(nonce|ciphertext|tag)</c> (<c>aes256gcm</c>, <c>sm4gcm</c>; values written before the
/// algorithm was named, <c>keyId:base64</c>, are AES) with the party and the field as associated data — a ciphertext
/// copied onto another party, or from the phone into the ID number, fails to decrypt instead of showing someone else's
/// number; hashes ID numbers with HMAC-SHA256 (<c>keyId:hex</c>) or HMAC-SM3 (<c>keyId:sm3:hex</c>) for exact search,
/// rotatable like the encryption keys; and masks them for display (<c>500112********1234</c>, <c>138****5678</c>).
/// </summary>
public sealed class PersonalDataProtector
{
    public const string IdNumberField = "id_number";
    public const string PhoneField = "phone";

    public const string Aes = "aes-256-gcm";
    public const string Sm4 = "sm4-gcm";
    public const string HmacSha256 = "hmac-sha256";
    public const string HmacSm3 = "hmac-sm3";

    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly Dictionary<string, string> _algorithms;
    private readonly string _currentHashKeyId;
    private readonly Dictionary<string, byte[]> _hashKeys;
    private readonly Dictionary<string, string> _hashAlgorithms;

    public PersonalDataProtector(PersonalDataSettings settings)
    {
        _algorithms = settings.EncryptionKeys.Keys.ToDictionary(id => id, id => settings.Algorithms.GetValueOrDefault(id) ?? Aes);
        foreach (var (id, algorithm) in _algorithms.Where(a => a.Value is not (Aes or Sm4)))
            throw new InvalidOperationException($"PersonalData:Algorithms:{id} is '{algorithm}': use {Aes} or {Sm4}.");
        _hashAlgorithms = settings.HashKeys.Keys.ToDictionary(id => id, id => settings.HashAlgorithms.GetValueOrDefault(id) ?? HmacSha256);
        foreach (var (id, algorithm) in _hashAlgorithms.Where(a => a.Value is not (HmacSha256 or HmacSm3)))
            throw new InvalidOperationException($"PersonalData:HashAlgorithms:{id} is '{algorithm}': use {HmacSha256} or {HmacSm3}.");
        _keys = settings.EncryptionKeys.ToDictionary(k => k.Key, k => Decode(k.Value, $"PersonalData:EncryptionKeys:{k.Key}", _algorithms[k.Key] == Sm4 ? 16 : 32));
        if (!_keys.ContainsKey(settings.CurrentKeyId))
            throw new InvalidOperationException($"PersonalData:CurrentKeyId '{settings.CurrentKeyId}' has no key in PersonalData:EncryptionKeys.");
        _currentKeyId = settings.CurrentKeyId;
        _hashKeys = settings.HashKeys.ToDictionary(k => k.Key, k => Decode(k.Value, $"PersonalData:HashKeys:{k.Key}", 32));
        if (!_hashKeys.ContainsKey(settings.CurrentHashKeyId))
            throw new InvalidOperationException($"PersonalData:CurrentHashKeyId '{settings.CurrentHashKeyId}' has no key in PersonalData:HashKeys.");
        _currentHashKeyId = settings.CurrentHashKeyId;
    }

    /// <summary>The key id new values are encrypted with.</summary>
    public string CurrentKeyId => _currentKeyId;

    public string CurrentHashKeyId => _currentHashKeyId;

    /// <summary>The key id a stored value was encrypted (or hashed) with (the part before the colon).</summary>
    public static string? KeyIdOf(string stored) => stored.IndexOf(':') is > 0 and var colon ? stored[..colon] : null;

    /// <summary>Whether a stored value is already under the current key.</summary>
    public bool IsCurrent(string? stored) => stored is null || KeyIdOf(stored) == _currentKeyId;

    /// <summary>Whether a stored hash is already under the current hash key.</summary>
    public bool IsCurrentHash(string? stored) => stored is null || KeyIdOf(stored) == _currentHashKeyId;

    /// <summary>The algorithm a sealed value names (values without one are AES), or of its key.</summary>
    public static string AlgorithmOf(string stored)
    {
        var parts = stored.Split(':');
        return parts.Length == 3 && parts[1] == "sm4gcm" ? Sm4 : Aes;
    }

    public string Encrypt(string plaintext, Guid partyId, string field)
    {
        var key = _keys[_currentKeyId];
        var sm4 = _algorithms[_currentKeyId] == Sm4;
        var data = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[12 + data.Length + 16];
        var nonce = buffer.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        if (sm4)
        {
            var gcm = Sm4Gcm(key, nonce.ToArray(), AssociatedData(partyId, field), forEncryption: true);
            var sealedLength = gcm.ProcessBytes(data, 0, data.Length, buffer, 12);
            gcm.DoFinal(buffer, 12 + sealedLength);
        }
        else
        {
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(nonce, data, buffer.AsSpan(12, data.Length), buffer.AsSpan(12 + data.Length, 16), AssociatedData(partyId, field));
        }
        return $"{_currentKeyId}:{(sm4 ? "sm4gcm" : "aes256gcm")}:{Convert.ToBase64String(buffer)}";
    }

    public string Decrypt(string stored, Guid partyId, string field)
    {
        var parts = stored.Split(':');
        if (parts.Length is < 2 or > 3 || !_keys.TryGetValue(parts[0], out var key))
            throw new CryptographicException("Unknown personal-data key id.");
        var algorithm = parts.Length == 2 ? Aes : parts[1] switch
        {
            "aes256gcm" => Aes,
            "sm4gcm" => Sm4,
            _ => throw new CryptographicException($"Unknown personal-data algorithm '{parts[1]}'."),
        };
        if (algorithm != _algorithms[parts[0]])
            throw new CryptographicException($"The value names {algorithm}, but key '{parts[0]}' is configured for {_algorithms[parts[0]]}.");
        var buffer = Convert.FromBase64String(parts[^1]);
        var length = buffer.Length - 28;
        var plain = new byte[length];
        if (algorithm == Sm4)
        {
            var gcm = Sm4Gcm(key, buffer[..12], AssociatedData(partyId, field), forEncryption: false);
            var opened = new byte[length + 16];
            try
            {
                var n = gcm.ProcessBytes(buffer, 12, length + 16, opened, 0);
                gcm.DoFinal(opened, n);
            }
            catch (Org.BouncyCastle.Crypto.InvalidCipherTextException e)
            {
                throw new AuthenticationTagMismatchException("The SM4-GCM tag does not match (wrong party, field or key).", e);
            }
            Array.Copy(opened, plain, length);
        }
        else
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(buffer.AsSpan(0, 12), buffer.AsSpan(12, length), buffer.AsSpan(12 + length, 16), plain, AssociatedData(partyId, field));
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static Org.BouncyCastle.Crypto.Modes.GcmBlockCipher Sm4Gcm(byte[] key, byte[] nonce, byte[] associatedData, bool forEncryption)
    {
        var gcm = new Org.BouncyCastle.Crypto.Modes.GcmBlockCipher(new Org.BouncyCastle.Crypto.Engines.SM4Engine());
        gcm.Init(forEncryption, new Org.BouncyCastle.Crypto.Parameters.AeadParameters(
            new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key), 128, nonce, associatedData));
        return gcm;
    }

    private static byte[] AssociatedData(Guid partyId, string field) => Encoding.UTF8.GetBytes($"party:{partyId:N}:{field}");

    /// <summary>The hash new parties get (under the current hash key).</summary>
    public string HashIdNumber(string idNumber) => Hash(_currentHashKeyId, idNumber);

    /// <summary>The number's hash under every configured hash key — what a search must look for while a rotation runs.</summary>
    public string[] HashesOf(string idNumber) => _hashKeys.Keys.Select(id => Hash(id, idNumber)).ToArray();

    private string Hash(string keyId, string idNumber) => Mac(keyId, NormalizeIdNumber(idNumber));

    /// <summary><c>keyId:hex</c> (HMAC-SHA256, as always) or <c>keyId:sm3:hex</c> (HMAC-SM3).</summary>
    private string Mac(string keyId, string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        if (_hashAlgorithms[keyId] == HmacSha256) return keyId + ":" + Convert.ToHexString(HMACSHA256.HashData(_hashKeys[keyId], data)).ToLowerInvariant();
        var hmac = new Org.BouncyCastle.Crypto.Macs.HMac(new Org.BouncyCastle.Crypto.Digests.SM3Digest());
        hmac.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(_hashKeys[keyId]));
        hmac.BlockUpdate(data, 0, data.Length);
        var result = new byte[hmac.GetMacSize()];
        hmac.DoFinal(result, 0);
        return keyId + ":sm3:" + Convert.ToHexString(result).ToLowerInvariant();
    }

    public static string NormalizeIdNumber(string idNumber) => idNumber.Trim().ToUpperInvariant();

    /// <summary>
    /// The phone's keyed hash, over its digits only (<c>138-1234 5678</c> and <c>13812345678</c> are one phone; a leading
    /// <c>+86</c> is dropped), kept apart from ID-number hashes by a prefix. With the name it recognises an applicant
    /// without an ID number again (repeat matters).
    /// </summary>
    public string HashPhone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (phone.TrimStart().StartsWith("+86", StringComparison.Ordinal) && digits.Length > 2) digits = digits[2..];
        // under the current hash key, prefixed with its id like the ID number's (rehashed by --reencrypt-pii)
        return Mac(_currentHashKeyId, "phone:" + digits);
    }

    /// <summary>Keeps the first 6 (region) and last 4 characters: 500112********1234.</summary>
    public static string MaskIdNumber(string idNumber)
    {
        var s = NormalizeIdNumber(idNumber);
        return s.Length <= 10 ? new string('*', s.Length) : s[..6] + new string('*', s.Length - 10) + s[^4..];
    }

    /// <summary>Keeps the first 3 and last 4 digits: 138****5678.</summary>
    public static string MaskPhone(string phone)
    {
        var s = phone.Trim();
        return s.Length <= 7 ? new string('*', s.Length) : s[..3] + new string('*', s.Length - 7) + s[^4..];
    }

    private static byte[] Decode(string value, string name, int length)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(value); }
        catch (FormatException) { throw new InvalidOperationException($"{name} must be base64."); }
        return bytes.Length == length ? bytes : throw new InvalidOperationException($"{name} must be {length} bytes (base64).");
    }
}
