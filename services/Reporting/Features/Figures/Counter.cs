namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>A counter's identity within a region and year: the metric and, for keyed metrics, the key (snake_case value).</summary>
public readonly record struct Counter(CaseMetric Metric, string Key = "");
