namespace MediationPlatform.Reporting.Features.Figures;

public sealed record ReferralFigures(int Made, int Accepted, int Declined, int Completed);
