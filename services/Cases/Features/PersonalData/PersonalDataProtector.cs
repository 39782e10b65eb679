using System.Security.Cryptography;
using System.Text;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>
/// Encrypts ID numbers and phones with AES-256-GCM (<c>keyId:base64(nonce|ciphertext|tag)</c>) with the party and the
/// field as associated data — a ciphertext copied onto another party, or from the phone into the ID number, fails to
/// decrypt instead of showing someone else's number; hashes ID numbers with HMAC-SHA256 for exact search
/// (<c>keyId:hex</c>, rotatable like the encryption keys); and masks them for display (<c>500112********1234</c>,
/// <c>138****5678</c>).
/// </summary>
public sealed class PersonalDataProtector
{
    public const string IdNumberField = "id_number";
    public const string PhoneField = "phone";

    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentHashKeyId;
    private readonly Dictionary<string, byte[]> _hashKeys;

    public PersonalDataProtector(PersonalDataSettings settings)
    {
        _keys = settings.EncryptionKeys.ToDictionary(k => k.Key, k => Decode(k.Value, $"PersonalData:EncryptionKeys:{k.Key}"));
        if (!_keys.ContainsKey(settings.CurrentKeyId))
            throw new InvalidOperationException($"PersonalData:CurrentKeyId '{settings.CurrentKeyId}' has no key in PersonalData:EncryptionKeys.");
        _currentKeyId = settings.CurrentKeyId;
        _hashKeys = settings.HashKeys.ToDictionary(k => k.Key, k => Decode(k.Value, $"PersonalData:HashKeys:{k.Key}"));
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

    public string Encrypt(string plaintext, Guid partyId, string field)
    {
        var key = _keys[_currentKeyId];
        var data = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[12 + data.Length + 16];
        var nonce = buffer.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, data, buffer.AsSpan(12, data.Length), buffer.AsSpan(12 + data.Length, 16), AssociatedData(partyId, field));
        return _currentKeyId + ":" + Convert.ToBase64String(buffer);
    }

    public string Decrypt(string stored, Guid partyId, string field)
    {
        var colon = stored.IndexOf(':');
        if (colon < 0 || !_keys.TryGetValue(stored[..colon], out var key))
            throw new CryptographicException("Unknown personal-data key id.");
        var buffer = Convert.FromBase64String(stored[(colon + 1)..]);
        var length = buffer.Length - 28;
        var plain = new byte[length];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(buffer.AsSpan(0, 12), buffer.AsSpan(12, length), buffer.AsSpan(12 + length, 16), plain, AssociatedData(partyId, field));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(Guid partyId, string field) => Encoding.UTF8.GetBytes($"party:{partyId:N}:{field}");

    /// <summary>The hash new parties get (under the current hash key).</summary>
    public string HashIdNumber(string idNumber) => Hash(_currentHashKeyId, idNumber);

    /// <summary>The number's hash under every configured hash key — what a search must look for while a rotation runs.</summary>
    public string[] HashesOf(string idNumber) => _hashKeys.Keys.Select(id => Hash(id, idNumber)).ToArray();

    private string Hash(string keyId, string idNumber) =>
        keyId + ":" + Convert.ToHexString(HMACSHA256.HashData(_hashKeys[keyId], Encoding.UTF8.GetBytes(NormalizeIdNumber(idNumber)))).ToLowerInvariant();

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
        return _currentHashKeyId + ":" + Convert.ToHexString(HMACSHA256.HashData(_hashKeys[_currentHashKeyId], Encoding.UTF8.GetBytes("phone:" + digits))).ToLowerInvariant();
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

    private static byte[] Decode(string value, string name)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(value); }
        catch (FormatException) { throw new InvalidOperationException($"{name} must be base64."); }
        return bytes.Length == 32 ? bytes : throw new InvalidOperationException($"{name} must be 32 bytes (base64).");
    }
}
