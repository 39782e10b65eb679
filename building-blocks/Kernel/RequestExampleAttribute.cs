namespace MediationPlatform.Kernel;

/// <summary>
/// A realistic body for a request type, shown in the OpenAPI documents as the schema's example (issue 19) — written
/// from the README's walk-throughs; a test per service reads each one with the service's own JSON rules (exact enums,
/// unknown fields refused) and its declared limits.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}
