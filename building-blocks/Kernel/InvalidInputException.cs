namespace MediationPlatform.Kernel;

/// <summary>A rule refused the input; each message keyed by the field it concerns. Answered as 400 with those errors.</summary>
public sealed class InvalidInputException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
