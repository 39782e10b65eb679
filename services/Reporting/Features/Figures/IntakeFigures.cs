namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>
/// Disputes one agency handed in (三调对接 inbound; api.md, Intake): received in the year; resolved, unresolved, withdrawn
/// and returned by the year each happened; still open of those received in the year; overdue — went past their running
/// deadline in the year (each case once).
/// </summary>
public sealed record IntakeFigures(int Received, int Resolved, int Unresolved, int Withdrawn, int Returned, int Open, int Overdue)
{
    /// <summary>The figure keys, in the contract's order.</summary>
    public static readonly IReadOnlyList<string> Agencies = ["police", "court", "petition_office"];

    public static readonly IntakeFigures None = new(0, 0, 0, 0, 0, 0, 0);
}
