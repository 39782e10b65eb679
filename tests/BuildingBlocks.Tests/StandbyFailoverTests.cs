using System.Diagnostics;
using MediationPlatform.TestKit;
using Npgsql;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// A database standby (ADR 0027): a primary and a streaming standby started here (synchronous replication, as the ADR
/// chooses), writes through a multi-host connection string (<c>Target Session Attributes=primary</c>, as the services'
/// connection strings may be), the primary killed mid-load and the standby promoted: the writer finds the new primary
/// by itself and every write that was acknowledged is there.
/// </summary>
public sealed class StandbyFailoverTests
{
    [Fact]
    public async Task The_primary_killed_mid_load_the_promoted_standby_has_every_acknowledged_write_and_the_writer_finds_it()
    {
        var pgBin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d).Last();
        var root = Path.Combine(Path.GetTempPath(), "mp-standby-" + Guid.NewGuid().ToString("N")[..8]);
        var primaryDir = Path.Combine(root, "primary");
        var standbyDir = Path.Combine(root, "standby");
        int primaryPort = Commands.FreePort(), standbyPort = Commands.FreePort();
        Directory.CreateDirectory(root);
        await Run("chown", "postgres:postgres", root);
        try
        {
            await AsPostgres(Path.Combine(pgBin, "initdb"), "-D", primaryDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale");
            await File.AppendAllTextAsync(Path.Combine(primaryDir, "postgresql.conf"),
                $"\nlisten_addresses = '127.0.0.1'\nport = {primaryPort}\nunix_socket_directories = '{root}'\n" +
                "synchronous_standby_names = 'ANY 1 (standby1)'\nsynchronous_commit = on\nwal_level = replica\nmax_wal_senders = 4\n");
            await AsPostgres(Path.Combine(pgBin, "pg_ctl"), "-D", primaryDir, "-l", Path.Combine(root, "primary.log"), "-w", "-t", "60", "start");
            await AsPostgres(Path.Combine(pgBin, "pg_basebackup"), "-d",
                $"host=127.0.0.1 port={primaryPort} user=postgres application_name=standby1", "-D", standbyDir, "-R", "-X", "stream", "--checkpoint=fast");
            await File.AppendAllTextAsync(Path.Combine(standbyDir, "postgresql.conf"), $"\nport = {standbyPort}\n");
            await AsPostgres(Path.Combine(pgBin, "pg_ctl"), "-D", standbyDir, "-l", Path.Combine(root, "standby.log"), "-w", "-t", "60", "start");

            var connection = $"Host=127.0.0.1:{primaryPort},127.0.0.1:{standbyPort};Username=postgres;Database=postgres;" +
                "Target Session Attributes=primary;Host Recheck Seconds=1;Timeout=3;Command Timeout=5;Pooling=false";
            await using (var setup = new NpgsqlConnection(connection))
            {
                await setup.OpenAsync();
                await new NpgsqlCommand("CREATE TABLE writes (id int PRIMARY KEY)", setup).ExecuteNonQueryAsync();
                // the standby is in sync before the load starts (a synchronous commit waits for it from now on)
                var synced = await Eventually.ValueAsync(async () => (string?)await new NpgsqlCommand(
                    "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'", setup).ExecuteScalarAsync(),
                    s => s is "sync" or "quorum", TimeSpan.FromSeconds(30));
                Assert.True(synced is "sync" or "quorum", $"standby state {synced ?? "(not connected)"}");
            }

            var acknowledged = new List<int>();
            var failoverClock = new Stopwatch();
            var killed = false;
            var load = Stopwatch.StartNew();
            for (var id = 1; id <= 300; id++)
            {
                if (id == 150)
                {
                    // the primary dies (no shutdown checkpoint, connections cut), an operator or a watchdog promotes the standby
                    await AsPostgres(Path.Combine(pgBin, "pg_ctl"), "-D", primaryDir, "-m", "immediate", "-w", "stop");
                    killed = true;
                    failoverClock.Start();
                    await AsPostgres(Path.Combine(pgBin, "pg_ctl"), "-D", standbyDir, "-w", "promote");
                    // the promoted node inherited the primary's synchronous_standby_names: with no standby following it,
                    // its every commit would wait (ADR 0027's runbook: clear it until a new standby follows)
                    await AsPostgres(Path.Combine(pgBin, "psql"), "-h", "127.0.0.1", "-p", standbyPort.ToString(), "-d", "postgres", "-c",
                        "ALTER SYSTEM SET synchronous_standby_names = ''");
                    await AsPostgres(Path.Combine(pgBin, "psql"), "-h", "127.0.0.1", "-p", standbyPort.ToString(), "-d", "postgres", "-c",
                        "SELECT pg_reload_conf()");
                }
                Assert.True(load.Elapsed < TimeSpan.FromSeconds(90), $"the load has run {load.Elapsed} at write {id}");
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await using var conn = new NpgsqlConnection(connection);
                        await conn.OpenAsync();
                        await using var insert = new NpgsqlCommand("INSERT INTO writes VALUES (@id) ON CONFLICT DO NOTHING", conn);
                        insert.Parameters.AddWithValue("id", id);
                        await insert.ExecuteNonQueryAsync();
                        acknowledged.Add(id);
                        if (failoverClock.IsRunning) failoverClock.Stop();
                        break;
                    }
                    catch (Exception e) when (e is NpgsqlException or InvalidOperationException && attempt < 60)
                    {
                        await Task.Delay(250); // no primary yet: the client retries, as the services' retrying strategy does
                    }
                }
            }
            Assert.True(killed);

            // the promoted standby alone, by its own port
            await using var promoted = new NpgsqlConnection($"Host=127.0.0.1;Port={standbyPort};Username=postgres;Database=postgres;Pooling=false");
            await promoted.OpenAsync();
            Assert.False((bool)(await new NpgsqlCommand("SELECT pg_is_in_recovery()", promoted).ExecuteScalarAsync())!);
            var present = new HashSet<int>();
            await using (var reader = await new NpgsqlCommand("SELECT id FROM writes", promoted).ExecuteReaderAsync())
                while (await reader.ReadAsync()) present.Add(reader.GetInt32(0));
            var lost = acknowledged.Where(id => !present.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes lost: {string.Join(", ", lost.Take(20))}");
            Assert.Equal(300, acknowledged.Count);
            Assert.True(failoverClock.Elapsed < TimeSpan.FromSeconds(30), $"the first write after the kill took {failoverClock.Elapsed}");
        }
        finally
        {
            foreach (var dir in new[] { primaryDir, standbyDir })
                if (File.Exists(Path.Combine(dir, "postmaster.pid")))
                    await AsPostgres(Path.Combine(pgBin, "pg_ctl"), "-D", dir, "-m", "immediate", "-w", "stop").ContinueWith(_ => { });
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static Task AsPostgres(string program, params string[] args) => Run("runuser", ["-u", "postgres", "--", program, .. args]);

    private static async Task Run(string program, params string[] args)
    {
        var (code, output) = await Commands.RunAsync(program, args);
        if (code != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {code}: {output}");
    }
}
