namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>A counter row's key: the case's own region (with its town and district, for roll-ups), year and counter.</summary>
public readonly record struct CounterKey(string RegionCode, string? TownCode, string? DistrictCode, int Year, Counter Counter);
