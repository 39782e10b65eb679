namespace MediationPlatform.Cases.Domain;

/// <summary>
/// The request is well formed and the status allows the action, but the case's content rules it out (e.g. a petition
/// against a government organ is not a 民间纠纷 that people's mediation may take): answered 422 with the reason.
/// </summary>
public sealed class CaseRuleException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
    public string Detail { get; } = detail;
}
