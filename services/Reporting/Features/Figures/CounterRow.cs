namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>One stored counter (or a sum of them): a <see cref="Counter"/> of a region and its value.</summary>
public sealed record CounterRow(string RegionCode, Counter Counter, decimal Value);
