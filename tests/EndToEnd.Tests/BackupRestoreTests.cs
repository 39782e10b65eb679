using System.Net.Http.Json;
using MediationPlatform.TestKit;
using Npgsql;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// The backup drill (ADR 0026): deploy/backup.sh takes a base backup of the running platform's PostgreSQL,
/// deploy/restore.sh unpacks it into a fresh data folder and starts a new instance on it, and that instance holds every
/// case, every timeline row, every assignment and the same figures (case facts and counters) as the platform did.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BackupRestoreTests(PlatformFixture platform)
{
    /// <summary>Each table the drill compares, by service: row count and a digest of every row's text.</summary>
    private static readonly (string Service, string Table)[] Tables =
    [
        ("cases", "cases"), ("cases", "timeline"), ("cases", "parties"),
        ("mediators", "assignments"), ("mediators", "cases"), ("mediators", "mediators"),
        ("reporting", "case_facts"), ("reporting", "case_counters"),
    ];

    [Fact]
    public async Task A_base_backup_restored_into_a_fresh_instance_holds_every_case_timeline_row_and_figure()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ids.Add((await DemoTown.Created(mediator.PostAsJsonAsync("/api/cases", DemoTown.Dispute(town.Village, $"备份演练纠纷{i}")))).GetProperty("id").GetGuid());
        // counted (reporting) and answered by the mediator service — the whole path, before the backup
        var facts = await Eventually.ValueAsync(() => CountAsync("reporting", $"SELECT count(*) FROM case_facts WHERE case_id = ANY(@ids) AND registered", ids),
            n => n == ids.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(ids.Count, facts);
        // the mediator service answered each: assigned, or (the village's mediators full after the other tests) awaiting one
        var answered = await Eventually.ValueAsync(() => CountAsync("cases",
                "SELECT count(DISTINCT case_id) FROM timeline WHERE case_id = ANY(@ids) AND action IN ('assigned', 'awaiting_mediator')", ids),
            n => n == ids.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(ids.Count, answered);

        var root = Path.Combine(Path.GetTempPath(), "mediation-drill-" + Guid.NewGuid().ToString("N")[..8]);
        var backup = Path.Combine(root, "backup");
        var data = Path.Combine(root, "data");
        var port = Commands.FreePort();
        try
        {
            // the platform keeps running (its background loops too): compare with what it held just before and just
            // after the backup, and retry when something changed in between
            Dictionary<string, string> before = [], after = [];
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (Directory.Exists(backup)) Directory.Delete(backup, recursive: true);
                before = await DigestAsync(platform.Infrastructure.ConnectionString);
                var (code, output) = await RunAsync("deploy/backup.sh", "--out", backup);
                Assert.True(code == 0, $"deploy/backup.sh exited {code}: {output}");
                after = await DigestAsync(platform.Infrastructure.ConnectionString);
                if (before.SequenceEqual(after)) break;
            }
            Assert.Equal(before, after); // quiet during the backup
            Assert.True(File.Exists(Path.Combine(backup, "base.tar.gz")) && File.Exists(Path.Combine(backup, "SHA256SUMS")),
                $"backup folder holds: {string.Join(", ", Directory.GetFiles(backup).Select(Path.GetFileName))}");

            var (restoreCode, restoreOutput) = await RunAsync("deploy/restore.sh", backup, "--to", data, "--start", port.ToString());
            Assert.True(restoreCode == 0, $"deploy/restore.sh exited {restoreCode}: {restoreOutput}");

            var restored = await DigestAsync(db =>
                new NpgsqlConnectionStringBuilder(platform.Infrastructure.ConnectionString(db)) { Host = "127.0.0.1", Port = port, Pooling = false }.ConnectionString);
            foreach (var (key, value) in before)
                Assert.True(restored.TryGetValue(key, out var got) && got == value, $"{key}: live {value}, restored {got ?? "missing"}");
            await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(platform.Infrastructure.ConnectionString(platform.DatabaseNames["cases"])) { Host = "127.0.0.1", Port = port, Pooling = false }.ConnectionString))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("SELECT count(*) FROM cases WHERE id = ANY(@ids)", conn);
                cmd.Parameters.AddWithValue("ids", ids.ToArray());
                Assert.Equal(ids.Count, Convert.ToInt32(await cmd.ExecuteScalarAsync())); // the drill's own cases are there
            }

            // a backup whose files were altered is refused before anything is written
            await File.AppendAllTextAsync(Path.Combine(backup, "base.tar.gz"), "x");
            var (tamperedCode, tamperedOutput) = await RunAsync("deploy/restore.sh", backup, "--to", Path.Combine(root, "other"));
            Assert.True(tamperedCode != 0 && tamperedOutput.Contains("checksums"), $"a tampered backup: exit {tamperedCode}, {tamperedOutput}");
            Assert.False(Directory.Exists(Path.Combine(root, "other")));
        }
        finally
        {
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
                await Commands.RunAsync("runuser", "-u", "postgres", "--", PgCtl(), "-D", data, "-m", "fast", "-w", "stop");
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private async Task<int> CountAsync(string service, string sql, List<Guid> ids)
    {
        await using var conn = new NpgsqlConnection(platform.Infrastructure.ConnectionString(platform.DatabaseNames[service]));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("ids", ids.ToArray());
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

    /// <summary>"service.table" → "rows:md5 of the rows' text in order", read through <paramref name="connectionString"/>.</summary>
    private async Task<Dictionary<string, string>> DigestAsync(Func<string, string> connectionString)
    {
        var result = new Dictionary<string, string>();
        foreach (var group in Tables.GroupBy(t => t.Service))
        {
            await using var conn = new NpgsqlConnection(connectionString(platform.DatabaseNames[group.Key]));
            await conn.OpenAsync();
            foreach (var (service, table) in group)
            {
                await using var cmd = new NpgsqlCommand(
                    $"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t", conn);
                result[$"{service}.{table}"] = (string)(await cmd.ExecuteScalarAsync())!;
            }
        }
        return result;
    }

    private static string PgCtl() =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version(0, 0))
            .Select(d => Path.Combine(d, "bin", "pg_ctl")).Last(File.Exists);

    private static Task<(int Code, string Output)> RunAsync(string script, params string[] args) =>
        Commands.RunAsync(Path.Combine(OpenApiContract.RepositoryRoot(), script), args);
}
