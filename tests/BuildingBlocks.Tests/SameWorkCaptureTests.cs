using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// The benchmark's "same work" raw side (issue 26, item 3) is only as honest as its capture: bench/same_work.py must keep
/// every unit of the registration and nothing else. Runs it on a committed capture (bench/fixtures/same-work) of one
/// registration, whose follow-on work is the bench's usual one (the town's mediators full: AssignmentAwaited).
/// </summary>
public sealed partial class SameWorkCaptureTests
{
    [Fact]
    public async Task The_capture_keeps_the_registration_and_its_follow_on_work_and_leaves_the_pollers_out()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MediationPlatform.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var fixture = Path.Combine(root.FullName, "bench", "fixtures", "same-work");
        var output = Path.Combine(Path.GetTempPath(), $"same-work-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList =
            {
                Path.Combine(root.FullName, "bench", "same_work.py"),
                "--registration", Path.Combine(fixture, "registration.pglog"), "--idle", Path.Combine(fixture, "idle.pglog"),
                "--answered-at", (await File.ReadAllTextAsync(Path.Combine(fixture, "answered-at.txt"))).Trim(),
                "--response", Path.Combine(fixture, "response.json"), "--db-prefix", "bench_", "--out", output,
            },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"same_work.py exited {process.ExitCode}: {stdout}{stderr}");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        File.Delete(output);
        var units = doc.RootElement.GetProperty("units").EnumerateArray().Select(u => new
        {
            Db = u.GetProperty("db").GetString()!,
            Phase = u.GetProperty("phase").GetString()!,
            Role = u.GetProperty("role").GetString()!,
            Consumer = u.GetProperty("consumer").GetString(),
            Statements = u.GetProperty("statements").EnumerateArray().Select(s => s.GetString()!).ToArray(),
            Produces = u.GetProperty("produces").EnumerateArray().Select(m => m.GetProperty("type").GetString()!).ToArray(),
        }).ToList();
        string Describe() => string.Join("\n", units.Select(u => $"{u.Db} {u.Phase} {u.Role} {u.Consumer}: {u.Statements.FirstOrDefault(s => !s.StartsWith("BEGIN", StringComparison.Ordinal))?[..Math.Min(60, u.Statements[0].Length)]}"));

        // the request: the region look-up, the number transaction, the registration transaction — all the case service's
        var sync = units.Where(u => u.Phase == "sync").ToList();
        Assert.True(sync.Count == 3 && sync.All(u => u.Db == "cases"), $"expected the case service's three request units, got:\n{Describe()}");
        Assert.Contains(sync, u => u.Statements.Any(s => s.StartsWith("SELECT r.code", StringComparison.Ordinal)));
        Assert.Contains(sync, u => u.Statements.Any(s => s.StartsWith("INSERT INTO case_number_counters", StringComparison.Ordinal)));
        var registration = Assert.Single(sync, u => u.Statements.Any(s => s.StartsWith("INSERT INTO cases ", StringComparison.Ordinal)));
        Assert.Equal(["CaseRegistered"], registration.Produces);
        Assert.Equal(2, registration.Statements.Count(s => s.StartsWith("INSERT INTO parties", StringComparison.Ordinal)));
        Assert.Equal("COMMIT", registration.Statements[^1]);

        // the follow-on work: both outbox dispatches and the three consumers the two messages reach
        var consumers = units.Where(u => u.Role == "consumer").Select(u => u.Consumer).Order().ToArray();
        Assert.True(consumers.SequenceEqual(["AssignmentAwaitedConsumer", "CaseRegisteredConsumer", "CaseRegisteredProjection"]),
            $"consumers: {string.Join(", ", consumers)}\n{Describe()}");
        Assert.Equal(["cases", "mediators"], units.Where(u => u.Role == "dispatcher").Select(u => u.Db).Order().ToArray());
        Assert.Equal(["AssignmentAwaited"], units.Single(u => u.Consumer == "CaseRegisteredConsumer").Produces);

        // the pollers of the same seconds (webhook deliveries, ledger imports, gauges, the bench's own counts) are left out
        var all = units.SelectMany(u => u.Statements).ToList();
        Assert.DoesNotContain(all, s => s.Contains("webhook_deliveries", StringComparison.Ordinal) || s.Contains("ledger_imports", StringComparison.Ordinal)
            || s.StartsWith("SELECT count(", StringComparison.Ordinal) || s.StartsWith("SELECT min(", StringComparison.Ordinal) || s == "DISCARD ALL");
        Assert.True(doc.RootElement.GetProperty("dropped").EnumerateObject().Sum(p => p.Value.GetInt32()) > 10, "the pollers should be counted as left out");

        // values written in: no placeholder left; arrays for unnest() cast, a JSON payload not
        Assert.DoesNotContain(all, s => Placeholder().IsMatch(s));
        Assert.Contains(all, s => s.Contains("unnest('{", StringComparison.Ordinal) && s.Contains("}'::bigint[]", StringComparison.Ordinal));
        var outbox = all.First(s => s.StartsWith("INSERT INTO outbox_messages", StringComparison.Ordinal));
        Assert.DoesNotContain("}'::text[]", outbox, StringComparison.Ordinal);

        // what each replay must make its own: the case id, the new rows' ids, the parties' search hashes, the lock key
        var caseId = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture, "response.json"))).RootElement.GetProperty("id").GetString();
        var newIds = doc.RootElement.GetProperty("newUuids").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Contains(caseId, newIds);
        Assert.Equal(7, newIds.Count); // case, two parties, two timeline entries, two outbox rows
        Assert.Equal(4, doc.RootElement.GetProperty("newHashes").GetArrayLength());
        Assert.Single(doc.RootElement.GetProperty("advisoryKeys").EnumerateArray());
        Assert.Empty(doc.RootElement.GetProperty("problems").EnumerateArray());
    }

    [GeneratedRegex(@"\$\d+\b")]
    private static partial Regex Placeholder();
}
