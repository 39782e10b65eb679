namespace MediationPlatform.Reporting.Features.Figures;

public sealed record SummaryResponse(int Year, string? RegionCode, DateTimeOffset GeneratedAt, FigureSet Figures);
