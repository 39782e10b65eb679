using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MediationPlatform.ServiceDefaults.Auth;

public static class SigningKeys
{
    /// <summary>Loads the RSA key from a PEM file (private or public). Fails loudly when it is missing.</summary>
    public static RsaSecurityKey Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"Signing key '{Path.GetFullPath(path)}' not found. The run/test scripts create it; " +
                "in production mount the shared key (Auth__SigningKeyPath).");
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return new RsaSecurityKey(rsa) { KeyId = KeyIdOf(rsa) };
    }

    /// <summary>Loads the key, or creates a 2048-bit key (file mode 600) when none exists yet — gateway only.</summary>
    public static RsaSecurityKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var rsa = RSA.Create(2048);
            var tmp = path + ".tmp-" + Environment.ProcessId;
            File.WriteAllText(tmp, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try { File.Move(tmp, path, overwrite: false); } catch (IOException) { File.Delete(tmp); } // another process won
        }
        return Load(path);
    }

    /// <summary>A stable key id derived from the public key, so every service names the key the same way.</summary>
    public static string KeyIdOf(RSA rsa) =>
        Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();
}
