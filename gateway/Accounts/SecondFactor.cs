using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace MediationPlatform.Gateway.Accounts;

/// <summary>
/// Configuration section <c>Security</c>: which roles must have a second factor before they get API access
/// (<c>MfaRequiredRoles</c>, default admin and supervisor; an installation assessed at 等保 level 3 may list every human
/// role), whether that is enforced (<c>EnforceMfa</c>; default: in Production), and the key that seals the TOTP secrets
/// (<c>MfaKey</c>, 32 bytes base64; default derived from the token signing key, which every gateway replica shares).
/// </summary>
public sealed class SecondFactorOptions
{
    /// <summary>Null: admin and supervisor (a default array would be merged with the configured one by the binder).</summary>
    public string[]? MfaRequiredRoles { get; set; }

    public IReadOnlyList<string> RequiredRoles => MfaRequiredRoles is { Length: > 0 } roles ? roles : ["admin", "supervisor"];
    public bool? EnforceMfa { get; set; }
    public string? MfaKey { get; set; }
}

/// <summary>
/// TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s) as authenticator apps do it, one step of clock drift either way; a code is
/// accepted once (its time step must be later than the last one used). Ten recovery codes, shown once, kept as SHA-256
/// hashes, each accepted once in place of a code. The secret is kept sealed (AES-GCM, the user's id as associated data).
/// </summary>
public sealed class SecondFactor(byte[] key)
{
    public const string Issuer = "MediationPlatform";
    public const int RecoveryCodeCount = 10;

    public static SecondFactor Create(SecondFactorOptions options, RSA signingKey) => new(options.MfaKey is { Length: > 0 } configured
        ? Convert.FromBase64String(configured)
        : HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.ExportPkcs8PrivateKey(), 32, info: Encoding.ASCII.GetBytes("mediationplatform/mfa-secret/v1")));

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public static string UriOf(string secret, string userName) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The time step a 6-digit <paramref name="code"/> matches for <paramref name="secret"/>, or null.</summary>
    public static long? StepOf(string secret, string? code, DateTime utcNow)
    {
        if (code is null || code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(utcNow, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    public static List<string> NewRecoveryCodes() =>
        Enumerable.Range(0, RecoveryCodeCount).Select(_ => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 10)).ToList();

    public static string HashOf(string recoveryCode) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recoveryCode.Trim().ToLowerInvariant())));

    public string Seal(string secret, Guid userId)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = Encoding.UTF8.GetBytes(secret);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, cipher, tag, userId.ToByteArray());
        return "aesgcm:" + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Open(string sealedSecret, Guid userId)
    {
        var data = Convert.FromBase64String(sealedSecret["aesgcm:".Length..]);
        var plain = new byte[data.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(data.AsSpan(0, 12), data.AsSpan(28), data.AsSpan(12, 16), plain, userId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
