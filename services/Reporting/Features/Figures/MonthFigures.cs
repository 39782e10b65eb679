using System.Globalization;

namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>
/// The disputes of one CST month of the year (<c>disputes.byMonth</c>): received in that month, and resolved in that
/// month (whenever received) — the monthly split of <c>registered</c> and <c>resolved</c>.
/// </summary>
public sealed record MonthFigures(int Registered, int Resolved)
{
    /// <summary>The key of a month in <c>byMonth</c> and in its counters: "01" … "12".</summary>
    public static string Key(int month) => month.ToString("00", CultureInfo.InvariantCulture);
}
