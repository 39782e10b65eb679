using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// A Production start with default settings, or with the development values this repository commits, is refused —
/// by the real binaries, naming every setting to fix at once (ADR 0015).
/// </summary>
public sealed class ProductionStartTests
{
    public static TheoryData<string, string> Processes() => new()
    {
        { "services/Cases", "MediationPlatform.Cases" },
        { "services/Mediators", "MediationPlatform.Mediators" },
        { "services/Reporting", "MediationPlatform.Reporting" },
        { "gateway", "MediationPlatform.Gateway" },
    };

    [Theory]
    [MemberData(nameof(Processes))]
    public async Task A_Production_start_with_default_settings_is_refused_naming_what_is_missing(string dir, string assembly)
    {
        var (exitCode, output) = await RunAsync(dir, assembly, []);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Refusing to start in Production", output);
        Assert.Contains("Transport:Mode must be one of", output);
        var connection = assembly == "MediationPlatform.Gateway" ? "Identity" : assembly.Split('.')[1];
        Assert.Contains($"ConnectionStrings:{connection} (Password) is not set", output);
        if (assembly != "MediationPlatform.Gateway") Assert.Contains("RabbitMq:Password is not set", output);
        if (assembly == "MediationPlatform.Cases")
        {
            Assert.Contains("PersonalData:EncryptionKeys is not set", output);
            Assert.Contains("Idempotency:HashKey is not set", output);
        }
        if (assembly == "MediationPlatform.Mediators") Assert.Contains("Webhooks:SecretKey is not set", output);
        if (assembly == "MediationPlatform.Gateway") Assert.Contains("Bootstrap:AdminPassword is not set", output);
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public async Task A_Production_start_with_the_committed_development_values_is_refused(string dir, string assembly)
    {
        // every value of appsettings.Development.json, as if an operator had copied the file into Production
        var settings = Flatten(JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), dir, "appsettings.Development.json"))).RootElement, "")
            .Where(kv => !kv.Key.StartsWith("Transport", StringComparison.Ordinal) && !kv.Key.StartsWith("_", StringComparison.Ordinal))
            .Append(new("Transport__Mode", "proxy")).Append(new("Transport__TrustedProxies__0", "127.0.0.1"))
            .ToList();
        var (exitCode, output) = await RunAsync(dir, assembly, settings);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Refusing to start in Production", output);
        Assert.DoesNotContain("Transport:Mode", output);
        Assert.Contains("(Password) is a development default", output);
        var expected = assembly switch
        {
            "MediationPlatform.Cases" => new[] { "RabbitMq:Password", "Idempotency:HashKey", "PersonalData:EncryptionKeys", "PersonalData:HashKeys" },
            "MediationPlatform.Mediators" => ["RabbitMq:Password", "Idempotency:HashKey", "Webhooks:SecretKey"],
            "MediationPlatform.Reporting" => ["RabbitMq:Username", "RabbitMq:Password"],
            _ => ["Bootstrap:AdminPassword"],
        };
        foreach (var setting in expected) Assert.Contains($"{setting} is a development default", output);
    }

    [Fact]
    public async Task The_gateway_refuses_plain_HTTP_in_Production()
    {
        var (exitCode, output) = await RunAsync("gateway", "MediationPlatform.Gateway", [new("Transport__Mode", "internal")]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Transport:Mode must be one of https, proxy", output);
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonElement e, string prefix)
    {
        if (e.ValueKind == JsonValueKind.Object)
            return e.EnumerateObject().SelectMany(p => Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + "__" + p.Name));
        if (e.ValueKind == JsonValueKind.Array)
            return e.EnumerateArray().SelectMany((x, i) => Flatten(x, prefix + "__" + i));
        return [new(prefix, e.ToString())];
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MediationPlatform.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string dir, string assembly, IEnumerable<KeyValuePair<string, string>> env)
    {
        var configuration = typeof(ProductionStartTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(Root(), dir, "bin", configuration, "net10.0", assembly + ".dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--contentRoot", Path.Combine(Root(), dir), "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // nothing inherited from the test run's environment may help it start
        foreach (var key in info.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // a signing key must exist for the process to get as far as its checks; it is not a secret check
        info.Environment["Auth__SigningKeyPath"] = dir == "gateway" ? TestTokens.Shared.PrivateKeyPath : TestTokens.Shared.PublicKeyPath;
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{assembly} did not exit in Production with bad settings: {await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
