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

    /// <summary>
    /// Every operation that takes <c>If-Match</c> and every GET of one item that sends an <c>ETag</c> must declare that
    /// header on its success answers, or a generated client cannot read it: the operations that miss it, and how many
    /// declare it.
    /// </summary>
    public static async Task<(List<string> Missing, int Declared)> ETagDeclarationsAsync(HttpClient client, IEnumerable<string> itemPaths)
    {
        var doc = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var items = itemPaths.ToHashSet();
        var missing = new List<string>();
        var declared = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject())
            {
                var takesIfMatch = op?["parameters"]?.AsArray().Any(p => p?["in"]?.GetValue<string>() == "header" && p["name"]?.GetValue<string>() == "If-Match") == true;
                if (!takesIfMatch && !(method == "get" && items.Contains(path))) continue;
                var successes = op?["responses"]?.AsObject().Where(r => r.Key.StartsWith('2')).ToList() ?? [];
                if (successes.Count > 0 && successes.All(r => r.Value?["headers"]?["ETag"] is not null)) declared++;
                else missing.Add($"{method.ToUpperInvariant()} {path}");
            }
        return (missing, declared);
    }
}
