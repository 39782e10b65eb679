using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Kernel;

/// <summary>
/// Each integer of a list within <see cref="Minimum"/>–<see cref="Maximum"/> (a list's own <c>[MaxLength]</c> limits its
/// count): the document says it as the items' minimum/maximum (RequestLimitSchemas (ServiceDefaults)), RequestLimits
/// refuses anything outside.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class EachRangeAttribute(int minimum, int maximum) : ValidationAttribute
{
    public int Minimum { get; } = minimum;
    public int Maximum { get; } = maximum;

    public override bool IsValid(object? value) =>
        value is not IEnumerable items || items.OfType<int>().All(i => i >= Minimum && i <= Maximum);

    public override string FormatErrorMessage(string name) => $"each of '{name}' must be {Minimum}–{Maximum}.";
}
