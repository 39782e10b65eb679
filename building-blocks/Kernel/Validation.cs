namespace MediationPlatform.Kernel;

/// <summary>
/// Collects field errors (keyed by the JSON field name, e.g. <c>parties[0].name</c>). Domain rules and request checks
/// share it; the web layer turns it into a 400 problem body (<c>ToProblem()</c> in ServiceDefaults), the domain into
/// an <see cref="InvalidInputException"/>.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"'{field}' is required.");
        else if (value.Length > maxLength) Add(field, $"'{field}' must be at most {maxLength} characters.");
        return this;
    }

    public Validation MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"'{field}' must be at most {maxLength} characters.");
        return this;
    }

    public Validation NotInFuture(string field, DateTimeOffset? value, DateTimeOffset now)
    {
        // A little slack for clients whose clock runs slightly ahead.
        if (value is { } v && v > now.AddMinutes(2)) Add(field, $"'{field}' may not lie in the future.");
        return this;
    }

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>Throws <see cref="InvalidInputException"/> with every error collected so far, if there is one.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new InvalidInputException(Errors);
    }
}
