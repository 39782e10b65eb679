namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// One chart of the report page: an inline SVG (with its <see cref="Title"/> as the SVG's own &lt;title&gt;), the
/// legend of its series, and — when the server had no Chinese font (<see cref="ChartFont.HasCjk"/> false) and the
/// bars are labelled 1, 2, 3 … — the names those numbers stand for (<see cref="NumberedLabels"/>; empty otherwise).
/// </summary>
public sealed record ReportChart(
    string Key, string Title, string Svg, IReadOnlyList<ChartLegendItem> Legend, IReadOnlyList<string> NumberedLabels);
