using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MediationPlatform.TestKit;

/// <summary>What tests that drive the machine need: a free loopback port, and a command run to its end.</summary>
public static class Commands
{
    /// <summary>A TCP port nothing listens on now (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <paramref name="file"/> (a command, or a path from the repository root) in the repository root; its exit code and its output (stdout, then stderr).</summary>
    public static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(file, args, OpenApiContract.RepositoryRoot());
        return (code, stdout + stderr);
    }

    /// <summary>Runs <paramref name="file"/> in <paramref name="workingDirectory"/> with extra environment variables; stdout and stderr apart.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        // a relative path such as deploy/backup.sh is a path from the working directory (not looked up on PATH)
        if (file.Contains('/') && !Path.IsPathRooted(file)) file = Path.Combine(workingDirectory, file);
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromMinutes(3)}; output so far: {await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
