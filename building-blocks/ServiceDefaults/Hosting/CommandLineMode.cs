namespace MediationPlatform.ServiceDefaults.Hosting;

/// <summary>
/// A one-shot mode of a service's executable, <c>--name [--option value]…</c> (a key rotation, the annual report from
/// a CronJob): run against the built application — database migrated, web host and background workers not started —
/// and exit with its code. <paramref name="Options"/> are the option names it takes (without <c>--</c>).
/// </summary>
public sealed record CommandLineMode(
    string Name,
    string Description,
    IReadOnlyList<string> Options,
    Func<IServiceProvider, IReadOnlyDictionary<string, string>, TextWriter, CancellationToken, Task<int>> Run);
