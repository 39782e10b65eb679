using System.Text.Json;
using System.Text.Json.Serialization;
using MediationPlatform.Kernel;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// Query-string values of the contract's enums are snake_case, like in JSON (<c>?kind=mediation_committee</c>).
/// Minimal APIs would only take the C# names, so query filters arrive as strings and are parsed here.
/// </summary>
public static class SnakeEnum
{
    /// <summary>The wire name: a <see cref="JsonStringEnumMemberNameAttribute"/> where the contract spells it so, else snake_case.</summary>
    public static string Name<T>(T value) where T : struct, Enum => Names<T>.Of[value];

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Of = Enum.GetValues<T>().ToDictionary(v => v, v =>
            typeof(T).GetField(v.ToString())!.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
                .OfType<JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));
    }

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Parses an optional filter; an unknown value is recorded as a field error naming the allowed values.</summary>
    public static T? Filter<T>(string? text, string field, Validation v) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (TryParse<T>(text, out var value)) return value;
        v.Add(field, $"'{text}' is not one of: {string.Join(", ", Enum.GetValues<T>().Select(Name))}.");
        return null;
    }
}
