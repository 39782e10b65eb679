namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>
/// Cases that went overdue in the year (a deadline passed without its step, by the CST date it passed): disputes
/// (the mediation month), petitions (acceptance, conclusion, review answer), and referrals an agency did not answer by
/// their <c>respondBy</c>. Each case (or referral) counts once a year however many of its deadlines it missed.
/// </summary>
public sealed record OverdueFigures(int Disputes, int Petitions, int Referrals)
{
    public static readonly OverdueFigures None = new(0, 0, 0);
}
