using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Kernel;

/// <summary>
/// Each string of a list at most <see cref="Length"/> characters (a list's own <c>[MaxLength]</c> limits its count):
/// the document says it as the items' maxLength (RequestLimitSchemas (ServiceDefaults)), RequestLimits refuses
/// a longer one.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class EachMaxLengthAttribute(int length) : ValidationAttribute
{
    public int Length { get; } = length;

    public override bool IsValid(object? value) =>
        value is not IEnumerable items || value is string || items.OfType<string>().All(s => s.Length <= Length);

    public override string FormatErrorMessage(string name) => $"each of '{name}' must be at most {Length} characters.";
}
