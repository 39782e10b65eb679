namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// One table of the published report — the same rows in the Markdown, on the HTML page and as a sheet of the xlsx.
/// <see cref="Key"/> names it (byCategory, byRegion, bySource, byMonth, petitions, referrals); the first cell of a row
/// is its Chinese label, the others a count (int) or "&lt;3" (suppressed, ADR 0008) or, for a rate, text ("66.7%").
/// </summary>
public sealed record ReportTable(
    string Key, string Title, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<object>> Rows, IReadOnlyList<object>? Total);
