using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// A string parameter that takes one of an enum's wire names (<see cref="SnakeEnum"/>, e.g. <c>?status=mediating</c>);
/// empty means no filter (<see cref="AllowEmpty"/>; a path segment sets it false). The document lists the names (<see cref="RequestLimitSchemas"/>) and
/// <see cref="RequestLimits"/> refuses anything else, like <see cref="SnakeEnum.Filter{T}"/> does.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class SnakeEnumOfAttribute(Type enumType) : ValidationAttribute
{
    public IReadOnlyList<string> Names { get; } = Enum.GetValues(enumType).Cast<Enum>()
        .Select(v => (string)typeof(SnakeEnum).GetMethod(nameof(SnakeEnum.Name))!.MakeGenericMethod(enumType).Invoke(null, [v])!)
        .ToList();

    /// <summary>Whether an empty value (no filter) is allowed; false for a route value.</summary>
    public bool AllowEmpty { get; init; } = true;

    public override bool IsValid(object? value) =>
        value is not string s || (s.Length == 0 && AllowEmpty) || Names.Contains(s, StringComparer.Ordinal);

    public override string FormatErrorMessage(string name) => $"'{name}' must be one of: {string.Join(", ", Names)}.";
}
