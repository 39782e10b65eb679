namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>One figure of a published export: its path in the figures object, a Chinese label, and the shown value.</summary>
public sealed record ExportRow(string Metric, string Label, object Value);
