using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// The four real processes, started from their build output the way run.sh starts them (Production, each with only its
/// own secrets and RabbitMQ user, the gateway on HTTPS with a certificate made here), against fresh databases and a
/// fresh RabbitMQ virtual host of the test servers. The gateway signs with the test kit's key, so the tests can also
/// mint tokens the services accept.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string AdminPassword = "E2E-admin-password-1";
    private readonly List<Process> _processes = [];
    private readonly List<IAsyncDisposable> _resources = [];
    private readonly string _name;

    public PlatformFixture() : this("e2e") { }

    /// <summary>A second platform beside the shared one (its own databases, virtual host and log folder).</summary>
    internal PlatformFixture(string name)
    {
        _name = name;
        LogDirectory = Path.Combine(Path.GetTempPath(), $"mediation-{name}-{Environment.ProcessId}");
    }

    public TestInfrastructure Infrastructure { get; private set; } = null!;
    public TestVirtualHost VirtualHost { get; private set; } = null!;
    public Uri Gateway { get; private set; } = null!;
    public Uri Cases { get; private set; } = null!;
    public Uri Mediators { get; private set; } = null!;
    public Uri Reporting { get; private set; } = null!;

    /// <summary>The four databases' names on the test server, by service: cases, mediators, reporting, identity.</summary>
    public IReadOnlyDictionary<string, string> DatabaseNames { get; private set; } = new Dictionary<string, string>();
    public string LogDirectory { get; }

    /// <summary>Where the four processes export their traces and metrics (OTLP over HTTP).</summary>
    public OtlpReceiver Otlp { get; } = new();

    /// <summary>The gateway's self-signed certificate; <see cref="Client"/> trusts exactly this one.</summary>
    public X509Certificate2 GatewayCertificate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.GetAsync();
        VirtualHost = await Infrastructure.CreateVirtualHostAsync(_name);
        _resources.Add(VirtualHost);
        var databases = new Dictionary<string, TestDatabase>();
        foreach (var service in new[] { "cases", "mediators", "reporting", "identity" })
        {
            databases[service] = await Infrastructure.CreateDatabaseAsync(_name + service);
            _resources.Add(databases[service]);
        }
        DatabaseNames = databases.ToDictionary(d => d.Key, d => d.Value.Name);
        Directory.CreateDirectory(LogDirectory);
        Otlp.Start();

        var root = OpenApiContract.RepositoryRoot();
        var configuration = typeof(PlatformFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        int gatewayPort = Commands.FreePort(), casesPort = Commands.FreePort(), mediatorsPort = Commands.FreePort(), reportingPort = Commands.FreePort();
        Gateway = new Uri($"https://localhost:{gatewayPort}");
        var (certPath, keyPath) = WriteGatewayCertificate();
        Cases = new Uri($"http://127.0.0.1:{casesPort}");
        Mediators = new Uri($"http://127.0.0.1:{mediatorsPort}");
        Reporting = new Uri($"http://127.0.0.1:{reportingPort}");

        var common = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Transport__Mode"] = "internal",
            ["RabbitMq__Host"] = Infrastructure.RabbitHost,
            ["RabbitMq__Port"] = Infrastructure.RabbitPort.ToString(),
            ["RabbitMq__VirtualHost"] = VirtualHost.Name,
            ["Auth__Issuer"] = TestTokens.Issuer,
            ["Auth__SigningKeyPath"] = TestTokens.Shared.PublicKeyPath,
            ["Logging__LogLevel__Default"] = "Warning",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        // each service as its own least-privilege RabbitMQ user where the test servers have them (deploy/infra.sh)
        var ownUsers = await Infrastructure.GrantServiceUsersAsync(VirtualHost.Name);
        (string, string)[] Rabbit(string user) => ownUsers
            ? [("RabbitMq__Username", user), ("RabbitMq__Password", Infrastructure.ServicePasswords[user])]
            : [("RabbitMq__Username", Infrastructure.RabbitUser), ("RabbitMq__Password", Infrastructure.RabbitPassword)];
        var secrets = TestSecrets.Environment().ToArray();
        Start(root, "services/Cases", "MediationPlatform.Cases", configuration, casesPort, common,
            [("ConnectionStrings__Cases", databases["cases"].ConnectionString),
             ("Deadlines__CheckInterval", "00:00:01"), // the overdue check races the other actors (ConcurrencyTests)
             .. Rabbit("cases"), .. secrets]);
        Start(root, "services/Mediators", "MediationPlatform.Mediators", configuration, mediatorsPort, common,
            [("ConnectionStrings__Mediators", databases["mediators"].ConnectionString), .. Rabbit("mediators"), .. secrets,
             ("Webhooks__AllowPrivateTargets", "true")]); // the agencies' webhook receivers here are local listeners (IntakeRoundTripTests)
        Start(root, "services/Reporting", "MediationPlatform.Reporting", configuration, reportingPort, common,
            [("ConnectionStrings__Reporting", databases["reporting"].ConnectionString), .. Rabbit("reporting"),
            ("Rebuild__Sources__0__Name", "cases"),
            ("Rebuild__Sources__0__BaseUrl", Cases.ToString()),
            ("Rebuild__Sources__1__Name", "mediators"),
            ("Rebuild__Sources__1__BaseUrl", Mediators.ToString())]);
        Start(root, "gateway", "MediationPlatform.Gateway", configuration, gatewayPort, common,
            [("ConnectionStrings__Identity", databases["identity"].ConnectionString),
            ("Transport__Mode", "https"),
            ("Kestrel__Certificates__Default__Path", certPath),
            ("Kestrel__Certificates__Default__KeyPath", keyPath),
            ("Auth__SigningKeyPath", TestTokens.Shared.PrivateKeyPath),
            ("Bootstrap__AdminUser", "admin"),
            ("Bootstrap__AdminPassword", AdminPassword),
            ("Security__EnforceMfa", "false"), // as ./run.sh; the gate itself is tested in Gateway.Tests (MfaTests)
            ("Services__Cases", Cases.ToString().TrimEnd('/')),
            ("Services__Mediators", Mediators.ToString().TrimEnd('/')),
            ("Services__Reporting", Reporting.ToString().TrimEnd('/')),
            ("RateLimits__PerUserPerSecond", "1000"),
            ("RateLimits__PerUserBurst", "5000")], scheme: "https");

        using var http = Client(Gateway);
        foreach (var uri in new[] { Cases, Mediators, Reporting, Gateway })
        {
            var ready = await Eventually.TrueAsync(async () =>
            {
                if (_processes.Any(p => p.HasExited)) throw new InvalidOperationException($"a service exited during start; logs in {LogDirectory}");
                try { return (await http.GetAsync(new Uri(uri, "/health/ready"))).StatusCode == HttpStatusCode.OK; }
                catch (HttpRequestException) { return false; }
            }, TimeSpan.FromSeconds(90), 200);
            if (!ready) throw new InvalidOperationException($"{uri} did not become ready; logs in {LogDirectory}");
        }
    }

    private void Start(string root, string dir, string assembly, string configuration, int port,
        Dictionary<string, string> common, (string Key, string Value)[] env, string scheme = "http")
    {
        var dll = Path.Combine(root, dir, "bin", configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build output missing: {dll}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--contentRoot", Path.Combine(root, dir), "--urls", $"{scheme}://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in common) info.Environment[k] = v;
        foreach (var (k, v) in env) info.Environment[k] = v;
        var process = Process.Start(info)!;
        var log = new StreamWriter(Path.Combine(LogDirectory, assembly + ".log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    /// <summary>A self-signed certificate for localhost and 127.0.0.1, written as PEM files for Kestrel.</summary>
    private (string CertPath, string KeyPath) WriteGatewayCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        GatewayCertificate = X509CertificateLoader.LoadCertificate(made.Export(X509ContentType.Cert));
        var certPath = Path.Combine(LogDirectory, "gateway.crt");
        var keyPath = Path.Combine(LogDirectory, "gateway.key");
        File.WriteAllText(certPath, made.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    /// <summary>A handler that trusts the gateway's certificate and nothing self-signed besides.</summary>
    public HttpMessageHandler Handler() => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || (cert is not null && cert.GetCertHashString() == GatewayCertificate.Thumbprint),
        },
    };

    public HttpClient Client(Uri baseAddress, string? token = null)
    {
        var client = new HttpClient(Handler()) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenAsync(string user, string password)
    {
        using var client = Client(Gateway);
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = user, ["password"] = password,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"token for {user}: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        foreach (var p in _processes) await p.WaitForExitAsync();
        foreach (var r in _resources) await r.DisposeAsync();
        Otlp.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
