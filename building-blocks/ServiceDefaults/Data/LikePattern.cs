namespace MediationPlatform.ServiceDefaults.Data;

/// <summary>Free text searched with <c>ILIKE</c>: <c>%</c>, <c>_</c> and the escape character match themselves, not anything.</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
