namespace MediationPlatform.Reporting.Features.Figures;

public sealed record RiskItemFigures(int Opened, int Closed);
