using Microsoft.AspNetCore.Builder;

namespace MediationPlatform.ServiceDefaults.Hosting;

/// <summary>
/// The one dispatcher of a service's command-line modes (<see cref="CommandLineMode"/>). <see cref="Parse"/> finds at
/// most one mode flag and its declared options; every other argument (<c>--contentRoot</c>, <c>--urls</c>, settings)
/// goes to the web host. <see cref="RunAsync"/> runs the mode, or the web application when there is none.
/// </summary>
public sealed class CommandLineModes(params CommandLineMode[] modes)
{
    public sealed record Parsed(CommandLineMode? Mode, IReadOnlyDictionary<string, string> Options, string[] HostArgs, string? Error);

    public IReadOnlyList<CommandLineMode> Modes => modes;

    public Parsed Parse(string[] args)
    {
        var chosen = modes.Where(m => args.Contains("--" + m.Name)).ToList();
        if (chosen.Count == 0) return new Parsed(null, new Dictionary<string, string>(), args, null);
        if (chosen.Count > 1) return new Parsed(null, new Dictionary<string, string>(), args,
            $"Give one mode at a time, not {string.Join(" and ", chosen.Select(m => "--" + m.Name))}.");
        var mode = chosen[0];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--" + mode.Name) continue;
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : null;
            if (name is not null && mode.Options.Contains(name))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return new Parsed(mode, options, args, $"--{name} needs a value ({Usage(mode)}).");
                options[name] = args[++i];
            }
            else rest.Add(arg);
        }
        return new Parsed(mode, options, rest.ToArray(), null);
    }

    /// <summary>Runs the parsed mode against the built application (exit code), or the web application itself (0 when it stops).</summary>
    public async Task<int> RunAsync(WebApplication app, Parsed parsed, TextWriter? output = null)
    {
        if (parsed.Mode is null)
        {
            await app.RunAsync();
            return 0;
        }
        return await parsed.Mode.Run(app.Services, parsed.Options, output ?? Console.Out, CancellationToken.None);
    }

    public static string Usage(CommandLineMode mode) =>
        $"--{mode.Name}" + string.Concat(mode.Options.Select(o => $" [--{o} …]")) + ": " + mode.Description;
}
