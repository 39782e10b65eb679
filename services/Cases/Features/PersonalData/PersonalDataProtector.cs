using System.Security.Cryptography;
using System.Text;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>
/// Encrypts ID numbers and phones with AES-256-GCM (format <c>keyId:base64(nonce|ciphertext|tag)</c>), hashes ID
/// numbers with HMAC-SHA256 for exact search, and masks them for display (<c>500112********1234</c>, <c>138****5678</c>).
/// </summary>
public sealed class PersonalDataProtector
{
    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(PersonalDataSettings settings)
    {
        _keys = settings.EncryptionKeys.ToDictionary(k => k.Key, k => Decode(k.Value, $"PersonalData:EncryptionKeys:{k.Key}"));
        if (!_keys.ContainsKey(settings.CurrentKeyId))
            throw new InvalidOperationException($"PersonalData:CurrentKeyId '{settings.CurrentKeyId}' has no key in PersonalData:EncryptionKeys.");
        _currentKeyId = settings.CurrentKeyId;
        _hashKey = Decode(settings.HashKey, "PersonalData:HashKey");
    }

    /// <summary>The key id new values are encrypted with.</summary>
    public string CurrentKeyId => _currentKeyId;

    /// <summary>The key id a stored value was encrypted with (the part before the colon).</summary>
    public static string? KeyIdOf(string stored) => stored.IndexOf(':') is > 0 and var colon ? stored[..colon] : null;

    /// <summary>Whether a stored value is already under the current key.</summary>
    public bool IsCurrent(string? stored) => stored is null || KeyIdOf(stored) == _currentKeyId;

    public string Encrypt(string plaintext)
    {
        var key = _keys[_currentKeyId];
        var data = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[12 + data.Length + 16];
        var nonce = buffer.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, data, buffer.AsSpan(12, data.Length), buffer.AsSpan(12 + data.Length, 16));
        return _currentKeyId + ":" + Convert.ToBase64String(buffer);
    }

    public string Decrypt(string stored)
    {
        var colon = stored.IndexOf(':');
        if (colon < 0 || !_keys.TryGetValue(stored[..colon], out var key))
            throw new CryptographicException("Unknown personal-data key id.");
        var buffer = Convert.FromBase64String(stored[(colon + 1)..]);
        var length = buffer.Length - 28;
        var plain = new byte[length];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(buffer.AsSpan(0, 12), buffer.AsSpan(12, length), buffer.AsSpan(12 + length, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public string HashIdNumber(string idNumber) =>
        Convert.ToHexString(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(NormalizeIdNumber(idNumber)))).ToLowerInvariant();

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
        return Convert.ToHexString(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes("phone:" + digits))).ToLowerInvariant();
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
