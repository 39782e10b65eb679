namespace MediationPlatform.Cases.Domain;

/// <summary>The deadline a case is running against in its current status, and which one it is.</summary>
public readonly record struct CaseDeadline(string Name, DateTimeOffset DueAt)
{
    public const string Mediation = "mediation";
    public const string Acceptance = "acceptance";
    public const string Conclusion = "conclusion";
    public const string Review = "review";
    public const string Referral = "referral";
}
