using System.Diagnostics;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// Debian's <c>chromium</c>, headless, as the report-page tests use it (deploy/ensure-desk-tools.sh installs it; test.sh
/// runs that first). Each run gets a new profile directory and no network features; --no-sandbox because the tests run
/// as root.
/// </summary>
public static class HeadlessChromium
{
    public static string Executable =>
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("chromium is not installed: run deploy/ensure-desk-tools.sh as root (./test.sh does).");

    /// <summary>Runs chromium on <paramref name="url"/> with <paramref name="arguments"/> (e.g. --dump-dom) and returns its standard output.</summary>
    public static async Task<string> RunAsync(string url, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("mp-chromium-");
        try
        {
            var info = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}"])
                info.ArgumentList.Add(argument);
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            info.ArgumentList.Add(url);
            using var process = Process.Start(info) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {timeout}: {await stderr}");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            try { profile.Delete(recursive: true); }
            catch (IOException) { /* a crash handler may still hold a file: the temp dir is cleaned anyway */ }
        }
    }
}
