namespace MediationPlatform.Cases.Domain;

/// <summary>
/// Response deadlines of referrals, in working days (product.md, Rules): a court referral's steps take 3 working days;
/// a case transferred whole to another agency may be objected to within 5 working days (信访工作条例 Art. 23: 5个工作日内提出异议).
/// A help request to another agency has no deadline in the rules, so it gets none. A pending referral past its
/// <c>respondBy</c> is overdue like a case deadline (the overdue check announces it).
/// </summary>
public static class ReferralDeadlines
{
    public const int CourtWorkingDays = 3;
    public const int TransferObjectionWorkingDays = 5;

    public static int? WorkingDaysToRespond(Contracts.Agency agency, bool whole) =>
        agency == Contracts.Agency.Court ? CourtWorkingDays : whole ? TransferObjectionWorkingDays : null;
}
