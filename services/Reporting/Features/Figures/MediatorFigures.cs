namespace MediationPlatform.Reporting.Features.Figures;

public sealed record MediatorFigures(int Active);
