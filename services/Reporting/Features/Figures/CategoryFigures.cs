namespace MediationPlatform.Reporting.Features.Figures;

public sealed record CategoryFigures(int Registered, int Resolved);
