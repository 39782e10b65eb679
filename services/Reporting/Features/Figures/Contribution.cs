namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>What one case fact adds to one counter, in the CST year it counts in.</summary>
public readonly record struct Contribution(int Year, Counter Counter, decimal Value);
