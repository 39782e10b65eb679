using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace MediationPlatform.TestKit;

/// <summary>
/// The contract integrators build on is committed (<c>contracts/openapi/&lt;service&gt;.json</c>) and every change of it shows in
/// review: a running service's document must equal the committed one. After a deliberate change, regenerate the files
/// with <c>MP_UPDATE_OPENAPI=1 ./test.sh --filter "FullyQualifiedName~OpenApiContract"</c> and commit them with the change.
/// </summary>
public static class OpenApiContract
{
    public const string UpdateVariable = "MP_UPDATE_OPENAPI";

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MediationPlatform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MediationPlatform.sln not found above the test output.");
    }

    /// <summary>The committed document's path for <paramref name="service"/>.</summary>
    public static string PathOf(string service) => Path.Combine(RepositoryRoot(), "contracts", "openapi", service + ".json");

    /// <summary>Fetches <c>/swagger/v1/swagger.json</c> and compares it, normalised (indented), with the committed file.</summary>
    public static async Task AssertCommittedAsync(HttpClient client, string service)
    {
        var served = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";
        var path = PathOf(service);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing: run with {UpdateVariable}=1 to write it, and commit it.");
        var committed = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        if (committed == served) return;
        var a = committed.Split('\n');
        var b = served.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"The {service} service's OpenAPI document differs from contracts/openapi/{service}.json at line {line + 1}:\n" +
            $"  committed: {(line < a.Length ? a[line].Trim() : "(end)")}\n  served:    {(line < b.Length ? b[line].Trim() : "(end)")}\n" +
            $"If the change is intended, regenerate with {UpdateVariable}=1 ./test.sh --filter \"FullyQualifiedName~OpenApiContract\" and commit the file.");
    }
}
