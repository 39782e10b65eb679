using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using RabbitMQ.Client;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// AMQP over TLS to the local broker (deploy/infra.sh, issue 23): a service that trusts the broker's CA and expects the
/// name localhost connects; with another CA, or expecting another name, the connection is refused — what
/// <see cref="BrokerCertificate"/> does for every service of ./run.sh.
/// </summary>
public sealed class BrokerTlsTests
{
    private static string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v
        : throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh (deploy/infra.sh makes the broker's TLS listener)");

    private static async Task<IConnection> ConnectAsync(TestInfrastructure infra, string caPath, string serverName) => await new ConnectionFactory
    {
        HostName = infra.RabbitHost, Port = int.Parse(Env("MP_RABBIT_TLS_PORT")), UserName = infra.RabbitUser, Password = infra.RabbitPassword,
        Ssl = new SslOption { Enabled = true, ServerName = serverName, CertificateValidationCallback = BrokerCertificate.Validator(caPath) },
        AutomaticRecoveryEnabled = false,
    }.CreateConnectionAsync();

    [Fact]
    public async Task A_client_trusting_the_brokers_CA_connects_over_TLS_and_another_CA_or_name_is_refused()
    {
        var infra = await TestInfrastructure.GetAsync();
        var ca = Env("MP_RABBIT_CA");
        await using (var connection = await ConnectAsync(infra, ca, "localhost"))
        {
            Assert.True(connection.IsOpen);
            await using var channel = await connection.CreateChannelAsync();
            Assert.True(channel.IsOpen);
        }

        // a CA that did not sign the broker's certificate
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=someone else's CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var otherPath = Path.Combine(Path.GetTempPath(), $"other-ca-{Guid.NewGuid():N}.crt");
        await File.WriteAllTextAsync(otherPath, otherCa.ExportCertificatePem());
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(infra, otherPath, "localhost"));
            await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(infra, ca, "broker.example"));
        }
        finally
        {
            File.Delete(otherPath);
        }
    }
}
