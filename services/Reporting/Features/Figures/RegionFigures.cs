namespace MediationPlatform.Reporting.Features.Figures;

public sealed record RegionFigures(int Registered, int Resolved);
