namespace MediationPlatform.Reporting.Features.Figures;

public sealed record SessionFigures(int Scheduled, int Held);
