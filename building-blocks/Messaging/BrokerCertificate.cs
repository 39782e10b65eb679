using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MediationPlatform.Messaging;

/// <summary>
/// How a service checks the broker's TLS certificate (issue 23): it must chain to the configured CA — only that CA, not
/// the system's roots — and be valid for the server name; anything else refuses the connection.
/// </summary>
public static class BrokerCertificate
{
    public static RemoteCertificateValidationCallback Validator(string? caCertificatePath)
    {
        if (string.IsNullOrEmpty(caCertificatePath))
            return (_, _, _, errors) => errors == SslPolicyErrors.None;
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caCertificatePath));
        return (_, certificate, _, errors) =>
        {
            // the name must match; the chain is built again against the private CA alone
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
    }
}
