using MediationPlatform.Reporting.Features.Figures;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>A series of a chart and its colour (#RRGGBB), shown in the page's caption rather than drawn in the SVG.</summary>
public sealed record ChartLegendItem(string Name, string Color);

/// <summary>One figure of a published export: its path in the figures object, a Chinese label, and the shown value.</summary>
public sealed record ExportRow(string Metric, string Label, object Value);

/// <summary>
/// One chart of the report page: an inline SVG (with its <see cref="Title"/> as the SVG's own &lt;title&gt;), the
/// legend of its series, and — when the server had no Chinese font (<see cref="ChartFont.HasCjk"/> false) and the
/// bars are labelled 1, 2, 3 … — the names those numbers stand for (<see cref="NumberedLabels"/>; empty otherwise).
/// </summary>
public sealed record ReportChart(
    string Key, string Title, string Svg, IReadOnlyList<ChartLegendItem> Legend, IReadOnlyList<string> NumberedLabels);

/// <summary>
/// One table of the published report — the same rows in the Markdown, on the HTML page and as a sheet of the xlsx.
/// <see cref="Key"/> names it (byCategory, byRegion, bySource, byMonth, petitions, referrals); the first cell of a row
/// is its Chinese label, the others a count (int) or "&lt;3" (suppressed, ADR 0008) or, for a rate, text ("66.7%").
/// </summary>
public sealed record ReportTable(
    string Key, string Title, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<object>> Rows, IReadOnlyList<object>? Total);

public sealed record SnapshotListItem(Guid Id, int Year, string? RegionCode, string? RegionName, DateTimeOffset GeneratedAt, string Trigger);

public sealed record SnapshotResponse(Guid Id, int Year, string? RegionCode, string? RegionName, DateTimeOffset GeneratedAt,
    string Trigger, FigureSet Figures);
