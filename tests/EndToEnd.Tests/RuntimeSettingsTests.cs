using System.Reflection;
using System.Text.Json;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// The runtime settings the benchmark measured (ADR 0017) reach every service's runtimeconfig.json, which is what the
/// container image and ./run.sh start: a setting dropped from Directory.Build.props would silently bring back the
/// start-of-load stalls (thread-pool minimum) or the spinning workers (spin limit).
/// </summary>
public sealed class RuntimeSettingsTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "gateway", "MediationPlatform.Gateway" },
        { "services/Cases", "MediationPlatform.Cases" },
        { "services/Mediators", "MediationPlatform.Mediators" },
        { "services/Reporting", "MediationPlatform.Reporting" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_starts_with_the_measured_thread_pool_and_GC_settings(string dir, string assembly)
    {
        var configuration = typeof(RuntimeSettingsTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var file = Path.Combine(OpenApiContract.RepositoryRoot(), dir, "bin", configuration, "net10.0", assembly + ".runtimeconfig.json");
        Assert.True(File.Exists(file), $"no {file}");
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var properties = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        string Value(string name) => properties.TryGetProperty(name, out var v) ? v.ToString() : "(absent)";

        var minThreads = Value("System.Threading.ThreadPool.MinThreads");
        Assert.True(int.TryParse(minThreads, out var n) && n >= 16, $"{assembly}: System.Threading.ThreadPool.MinThreads is {minThreads}, expected at least 16");
        Assert.Equal("0", Value("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"));
        Assert.Equal("False", Value("System.GC.Server"), ignoreCase: true);
        Assert.Equal("False", Value("System.GC.Concurrent"), ignoreCase: true);
    }
}
