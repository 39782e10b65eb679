using System.Security.Cryptography;
using System.Text;
using MediationPlatform.Mediators.Features.Organizations;

namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>
/// Organisations' webhook secrets are stored encrypted (AES-256-GCM with <c>Webhooks:SecretKey</c>, the organisation's
/// id as associated data): a database dump alone cannot sign requests to an agency's system. Decrypted only to sign.
/// </summary>
public sealed class WebhookSecrets(byte[] key)
{
    /// <summary>Whether the text is base64 of exactly 32 bytes.</summary>
    public static bool IsKey(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var length) && length == 32;
    }

    public static WebhookSecrets FromBase64(string? key)
    {
        try
        {
            var bytes = Convert.FromBase64String(key ?? "");
            return bytes.Length == 32 ? new WebhookSecrets(bytes) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Webhooks:SecretKey must be base64 of 32 random bytes.");
        }
    }

    public string Protect(string secret, Guid organizationId)
    {
        var data = Encoding.UTF8.GetBytes(secret);
        var buffer = new byte[12 + data.Length + 16];
        RandomNumberGenerator.Fill(buffer.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(buffer.AsSpan(0, 12), data, buffer.AsSpan(12, data.Length), buffer.AsSpan(12 + data.Length, 16), organizationId.ToByteArray());
        return "v1:" + Convert.ToBase64String(buffer);
    }

    public string Reveal(string stored, Guid organizationId)
    {
        if (!stored.StartsWith("v1:", StringComparison.Ordinal)) throw new CryptographicException("Unknown webhook secret format.");
        var buffer = Convert.FromBase64String(stored[3..]);
        var plain = new byte[buffer.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(buffer.AsSpan(0, 12), buffer.AsSpan(12, plain.Length), buffer.AsSpan(12 + plain.Length, 16), plain, organizationId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    public string? Reveal(Organization o) => o.WebhookSecret is null ? null : Reveal(o.WebhookSecret, o.Id);
}
