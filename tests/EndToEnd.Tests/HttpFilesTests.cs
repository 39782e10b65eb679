using System.Text.Json;
using System.Text.RegularExpressions;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// The clickable requests of <c>http/</c>, run from the command line by httpyac (npm, tests/http) against a platform
/// seeded like <c>./run.sh --seed-demo</c>, top to bottom in the README's order, with the assertions the files carry as
/// <c># ?? …</c> comments (http/httpyac.config.js; VS Code REST Client reads comments). A file whose requests or
/// assertions fail, or whose assertions did not run, fails here with httpyac's own account of what it saw.
/// </summary>
[Collection(HttpFilesCollection.Name)]
public sealed class HttpFilesTests(DemoPlatformFixture demo)
{
    /// <summary>In the order a reader runs them: the new village before the user placed in it, the ledger before its year's figures.</summary>
    private static readonly string[] Files = ["directory", "identity", "cases", "intake", "import", "reports"];

    [Fact]
    public async Task Every_http_file_runs_top_to_bottom_and_its_assertions_hold()
    {
        var folder = demo.CopyHttpFolder();
        var failures = new List<string>();
        foreach (var file in Files)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(folder, file + ".http"));
            var requests = Regex.Matches(text, @"^(GET|POST|PUT|PATCH|DELETE) ", RegexOptions.Multiline).Count;
            var assertions = Regex.Matches(text, @"^#\s*\?\?\s", RegexOptions.Multiline).Count;
            Assert.True(assertions >= requests, $"{file}.http: every request should carry at least one '# ?? …' assertion ({assertions} for {requests} requests)");

            var run = await demo.HttpyacAsync(folder, file + ".http");
            var s = run.Summary;
            if (run.Code != 0 || s.GetProperty("failedTests").GetInt32() > 0 || s.GetProperty("erroredTests").GetInt32() > 0
                || s.GetProperty("erroredRequests").GetInt32() > 0 || s.GetProperty("totalRequests").GetInt32() < requests
                || s.GetProperty("totalTests").GetInt32() != assertions)
            {
                failures.Add($"{file}.http: exit {run.Code}, {s} (expected {requests} requests — httpyac also counts a closing text-only region — and {assertions} assertions)\n{run.FailedLines()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task A_commented_assertion_that_does_not_hold_fails_the_run_and_an_unknown_one_is_refused()
    {
        var folder = demo.CopyHttpFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "check.http"), """
            @gateway = https://localhost:5080

            ### a public endpoint
            # @name ready
            # ?? status == 200
            # ?? status == 418
            GET {{gateway}}/health/ready

            ### a request variable of the one above, as REST Client writes it
            # ?? status == 200
            GET {{gateway}}/health/ready?status={{ready.response.headers.Content-Type}}
            """.Replace("https://localhost:5080", demo.Platform.Gateway.ToString().TrimEnd('/')));
        var run = await demo.HttpyacAsync(folder, "check.http", output: "exchange");
        Assert.True(run.Code != 0 && run.Summary.GetProperty("failedTests").GetInt32() == 1 && run.Summary.GetProperty("successTests").GetInt32() == 2,
            $"one of three assertions does not hold: exit {run.Code}, {run.Summary}");
        var sent = run.Requests[1].TryGetProperty("response", out var r) && r.TryGetProperty("request", out var q) ? q.GetProperty("url").GetString() : null;
        Assert.True(sent?.Contains("status=text/plain") == true || sent?.Contains("status=application/json") == true || sent?.Contains("status=text%2Fplain") == true,
            $"the request variable should have become the first answer's Content-Type; sent {sent}");

        await File.WriteAllTextAsync(Path.Combine(folder, "typo.http"), $"""
            ### a typo in an assertion
            # ?? statuss is 200
            GET {demo.Platform.Gateway}health/ready
            """);
        var (code, stdout, stderr) = await Commands.RunAsync(DemoPlatformFixture.Httpyac, ["send", "typo.http", "--all", "--output", "none"], folder);
        Assert.True(code != 0 && stderr.Contains("not an assertion httpyac understands: # ?? statuss is 200"),
            $"an assertion httpyac cannot read must stop the run, naming the line: exit {code}\n{stdout}\n{stderr}");
    }
}

/// <summary>A platform of its own, seeded with deploy/seed-demo.sh like <c>./run.sh --seed-demo</c>; runs after the parallel collections, alone.</summary>
public sealed class DemoPlatformFixture : IAsyncLifetime
{
    public const string DemoPassword = "Demo-password-1";
    public const string PoliceClientSecret = "Police-client-secret-1";
    private readonly List<string> _folders = [];

    public PlatformFixture Platform { get; } = new("http");

    public static string Httpyac => Path.Combine(OpenApiContract.RepositoryRoot(), "tests/http/node_modules/.bin/httpyac");

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        var root = OpenApiContract.RepositoryRoot();
        var seed = await Commands.RunAsync(Path.Combine(root, "deploy/seed-demo.sh"), [], root, new Dictionary<string, string>
        {
            ["MP_GATEWAY"] = Platform.Gateway.ToString().TrimEnd('/'),
            ["CURL_CA_BUNDLE"] = Path.Combine(Platform.LogDirectory, "gateway.crt"),
            ["MP_SECRET_ADMIN_PASSWORD"] = PlatformFixture.AdminPassword,
            ["MP_SECRET_DEMO_PASSWORD"] = DemoPassword,
            ["MP_SECRET_POLICE_CLIENT"] = PoliceClientSecret,
            ["MP_ADMIN_TOTP_FILE"] = Path.Combine(Platform.LogDirectory, "admin-totp-secret"),
        });
        if (seed.Code != 0) throw new InvalidOperationException($"deploy/seed-demo.sh failed ({seed.Code}): {seed.Stdout}{seed.Stderr}");
    }

    /// <summary>
    /// http/ copied as a reader has it after ./run.sh: the passwords in <c>.env</c> and the gateway line pointing at this
    /// platform (the files say https://localhost:5080, ./run.sh's port).
    /// </summary>
    public string CopyHttpFolder()
    {
        var source = Path.Combine(OpenApiContract.RepositoryRoot(), "http");
        var folder = Directory.CreateTempSubdirectory("mediation-http-").FullName;
        _folders.Add(folder);
        foreach (var file in Directory.GetFiles(source).Where(f => Path.GetExtension(f) is ".http" or ".csv" or ".js" or ".json"))
        {
            var target = Path.Combine(folder, Path.GetFileName(file));
            if (file.EndsWith(".http", StringComparison.Ordinal))
                File.WriteAllText(target, Regex.Replace(File.ReadAllText(file), @"^@gateway = .*$",
                    "@gateway = " + Platform.Gateway.ToString().TrimEnd('/'), RegexOptions.Multiline));
            else File.Copy(file, target);
        }
        File.WriteAllText(Path.Combine(folder, ".env"),
            $"ADMIN_PASSWORD={PlatformFixture.AdminPassword}\nDEMO_PASSWORD={DemoPassword}\nPOLICE_CLIENT_SECRET={PoliceClientSecret}\n");
        return folder;
    }

    /// <summary>httpyac send FILE --all; the JSON report keeps the status of failed requests (and every exchange with <paramref name="output"/> exchange).</summary>
    public async Task<HttpyacRun> HttpyacAsync(string folder, string file, string output = "none")
    {
        if (!File.Exists(Httpyac)) throw new InvalidOperationException($"{Httpyac} is missing: ./test.sh installs it (npm ci --prefix tests/http)");
        var (code, stdout, stderr) = await Commands.RunAsync(Httpyac, ["send", file, "--all", "--output", output, "--output-failed", "short", "--json"], folder,
            new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = Path.Combine(Platform.LogDirectory, "gateway.crt") },
            TimeSpan.FromMinutes(4));
        var start = stdout.IndexOf("\n{", StringComparison.Ordinal) is var i and >= 0 && !stdout.StartsWith('{') ? i + 1 : 0;
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(stdout[start..]).RootElement;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"httpyac {file} gave no JSON report (exit {code}): {e.Message}\n{stdout}\n{stderr}");
        }
        return new HttpyacRun(code, json.GetProperty("summary"), [.. json.GetProperty("requests").EnumerateArray()], stderr);
    }

    public Task DisposeAsync()
    {
        foreach (var folder in _folders) Directory.Delete(folder, recursive: true);
        return Platform.DisposeAsync();
    }
}

public sealed record HttpyacRun(int Code, JsonElement Summary, IReadOnlyList<JsonElement> Requests, string Stderr)
{
    /// <summary>Each request that failed or errored, with its failed assertions and what httpyac saw.</summary>
    public string FailedLines() => string.Join("\n", Requests
        .Where(r => r.TryGetProperty("testResults", out var t) && t.EnumerateArray().Any(x => x.GetProperty("status").GetString() != "SUCCESS")
            || r.TryGetProperty("summary", out var s) && s.TryGetProperty("erroredTests", out var e) && e.GetInt32() > 0)
        .Select(r => $"  {r.GetProperty("name").GetString()}: " + string.Join("; ",
            r.TryGetProperty("testResults", out var t) ? t.EnumerateArray().Where(x => x.GetProperty("status").GetString() != "SUCCESS")
                .Select(x => x.GetProperty("message").GetString() + (x.TryGetProperty("error", out var err) ? " → " + err.GetProperty("displayMessage").GetString() : ""))
                : [])))
        + (Stderr.Length > 0 ? "\n  stderr: " + Stderr[..Math.Min(Stderr.Length, 2000)] : "");
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HttpFilesCollection : ICollectionFixture<DemoPlatformFixture>
{
    public const string Name = "http files";
}
