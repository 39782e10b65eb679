namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>A series of a chart and its colour (#RRGGBB), shown in the page's caption rather than drawn in the SVG.</summary>
public sealed record ChartLegendItem(string Name, string Color);
