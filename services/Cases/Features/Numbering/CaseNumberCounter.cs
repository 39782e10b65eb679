using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Numbering;

/// <summary>Last number handed out per town, year (CST) and kind; incremented atomically with an upsert (<see cref="CaseNumbers"/>).</summary>
public sealed class CaseNumberCounter
{
    public string Prefix { get; set; } = "";
    public int Year { get; set; }
    public CaseKind Kind { get; set; }
    public int LastValue { get; set; }
}
