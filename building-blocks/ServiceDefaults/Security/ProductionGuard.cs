using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace MediationPlatform.ServiceDefaults.Security;

/// <summary>
/// No committed secret works in Production (ADR 0015): every process names the settings it needs, and in Production it
/// refuses to start — naming the setting — when one is missing or equals a value committed to this repository for
/// development. Outside Production nothing is checked (Development reads <c>appsettings.Development.json</c>).
/// </summary>
public static class ProductionGuard
{
    /// <summary>The values this repository commits for development and tests. Any of them in Production is a leak.</summary>
    public static readonly IReadOnlySet<string> DevelopmentValues = new HashSet<string>(StringComparer.Ordinal)
    {
        "mediation-dev", "guest", "Admin-dev-2026!", "Demo-pass-2026!", "police-system-secret-dev",
        "s6b6Jzevx+Lk1GbbGS+qJwRwCtw/3APOrPXYrWssNs4=",  // PersonalData:EncryptionKeys:dev1
        "bxrpbIQyThnGJpZx/UFqoc3v4J+DfRut3QYf0qaoamw=",  // PersonalData:HashKeys:dev1
        "Zm9yLWRldmVsb3BtZW50LW9ubHktd2ViaG9vay1rZXk=", // Webhooks:SecretKey
        "ZGV2ZWxvcG1lbnQtb25seS1pZGVtcG90ZW5jeS1rZXk=", // Idempotency:HashKey
    };

    /// <summary>A secret a process needs: its setting name and how to read its value(s) from configuration.</summary>
    public sealed record Secret(string Setting, Func<IConfiguration, IEnumerable<string?>> Values)
    {
        /// <summary>A plain setting.</summary>
        public static Secret Named(string name) => new(name, c => [c[name]]);

        /// <summary>Every child of a section (e.g. all keys of <c>PersonalData:EncryptionKeys</c>); at least one is required.</summary>
        public static Secret Section(string name) => new(name, c =>
        {
            var values = c.GetSection(name).GetChildren().Select(x => x.Value).ToList();
            return values.Count == 0 ? [null] : values;
        });

        /// <summary>The password inside a PostgreSQL connection string.</summary>
        public static Secret DatabasePassword(string connectionName) => new($"ConnectionStrings:{connectionName} (Password)", c =>
        {
            var cs = c.GetConnectionString(connectionName);
            return [cs is null ? null : new NpgsqlConnectionStringBuilder(cs).Password];
        });
    }

    /// <summary>
    /// Whether the checks apply: in every environment but Development (a developer's machine, appsettings.Development.json)
    /// and Testing (the test suites' in-memory hosts) — Production, and Staging or any other name an operator picks.
    /// </summary>
    public static bool Applies(IHostEnvironment environment) => !environment.IsDevelopment() && !environment.IsEnvironment("Testing");

    /// <summary>
    /// From here on the builder collects problems instead of throwing at the first: <see cref="ThrowIfAny"/> (called by
    /// UseServiceDefaults) then names all of them at once, so one failed start tells an operator everything to set.
    /// </summary>
    public static void Collect(IHostApplicationBuilder builder)
    {
        if (builder.Properties.ContainsKey(typeof(ProductionProblems))) return;
        var problems = new ProductionProblems { Environment = builder.Environment.EnvironmentName };
        builder.Properties[typeof(ProductionProblems)] = problems;
        builder.Services.AddSingleton(problems);
    }

    /// <summary>In Production, a problem for each secret that is missing or a development value.</summary>
    public static void Check(IHostApplicationBuilder builder, IEnumerable<Secret> secrets)
    {
        if (!ProductionGuard.Applies(builder.Environment)) return;
        var problems = new List<string>();
        foreach (var secret in secrets)
            foreach (var value in secret.Values(builder.Configuration))
            {
                if (string.IsNullOrWhiteSpace(value)) problems.Add($"{secret.Setting} is not set");
                else if (DevelopmentValues.Contains(value.Trim())) problems.Add($"{secret.Setting} is a development default committed to the repository");
            }
        Report(builder, problems);
    }

    /// <summary>Adds problems to the builder's collection (see <see cref="Collect"/>), or throws at once without one.</summary>
    public static void Report(IHostApplicationBuilder builder, IReadOnlyCollection<string> problems)
    {
        if (problems.Count == 0) return;
        if (builder.Properties.TryGetValue(typeof(ProductionProblems), out var collected) && collected is ProductionProblems list)
            list.AddRange(problems);
        else
            new ProductionProblems(problems).ThrowIfAny();
    }

    /// <summary>Throws with every collected problem (no-op when there is none).</summary>
    public static void ThrowIfAny(IServiceProvider services) => services.GetService<ProductionProblems>()?.ThrowIfAny();
}

/// <summary>What keeps a process from starting in Production, collected while it is built.</summary>
public sealed class ProductionProblems : List<string>
{
    public ProductionProblems() { }

    public ProductionProblems(IEnumerable<string> problems) : base(problems) { }

    public string Environment { get; init; } = "Production";

    public void ThrowIfAny()
    {
        if (Count > 0)
            throw new InvalidOperationException($"Refusing to start in {Environment}: " + string.Join("; ", this.Distinct())
                + ". Set real secrets and settings (environment variables or a secret store; README, \"A real install\").");
    }
}
