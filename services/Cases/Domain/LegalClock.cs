using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// The legal periods of product.md and how they are counted (ADR 0012). Calendar-day and month periods follow 民法典
/// Art. 201–203: the day the period starts from does not count (Art. 201); a month ends on the corresponding day of the
/// month it ends in, or that month's last day (Art. 202); when the last day is a statutory day off (法定休假日: a
/// holiday or weekend of the working-day calendar, swapped working days 调休 being working days), the period ends on
/// the next working day (Art. 203); it ends at 24:00, stored as 23:59:59 China Standard Time. Periods stated in working
/// days count working days only (<see cref="WorkingDayCalendar"/>).
/// </summary>
public sealed class LegalClock(WorkingDayCalendar calendar)
{
    // The petition periods are the same numbers under both regulations (LawInForce): what changed on 2022-05-01 is which
    // matters have the conclusion period (PetitionRegulation.HasConclusionPeriod) and the articles cited.
    public const int PetitionAcceptanceDays = 15;   // 信访工作条例 Art. 22, 23 (2005: Art. 21, 22): 15日内 decide and tell the petitioner
    public const int CourtEntrustedDays = 30;       // 特邀调解规定 Art. 27: 委派调解 within 30 days; longer only if both parties agree
    public const int MediationMonths = 1;           // 人民调解工作若干规定 Art. 33: 一般在一个月内调结
    public const int PetitionConclusionDays = 60;   // 信访工作条例 Art. 34: 申诉求决类 (Art. 31 (六)); 信访条例 2005 Art. 33: every matter
    public const int PetitionMaxExtensionDays = 30; // Art. 34: once, at most 30 days, with the reason told to the petitioner
    public const int DisputeMaxExtensionDays = 90;  // the parties' consent; no statutory bound, a sanity bound
    public const int ReviewRequestDays = 30;        // Art. 35, 36 (2005: Art. 34, 35): 自收到书面答复之日起30日内 request 复查 / 复核
    public const int ReviewAnswerDays = 30;         // Art. 35, 36: 自收到请求之日起30日内 answer
    public const int JudicialConfirmationDays = 30; // 人民调解法 Art. 33: 自调解协议生效之日起三十日内

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>The end of a period of <paramref name="days"/> calendar days counted from the day after <paramref name="from"/>.</summary>
    public DateTimeOffset DueAfterDays(DateTimeOffset from, int days) => EndOf(ChinaTime.DateOf(from).AddDays(days));

    /// <summary>
    /// The end of a period of <paramref name="months"/> months from <paramref name="from"/>, lengthened by
    /// <paramref name="extraDays"/> calendar days (an extension counts from the period's own last day, not the moved one).
    /// </summary>
    public DateTimeOffset DueAfterMonths(DateTimeOffset from, int months, int extraDays = 0) =>
        EndOf(ChinaTime.DateOf(from).AddMonths(months).AddDays(extraDays));

    /// <summary>The end of a period of <paramref name="workingDays"/> working days after <paramref name="from"/>.</summary>
    public DateTimeOffset DueAfterWorkingDays(DateTimeOffset from, int workingDays) => calendar.AddWorkingDays(from, workingDays);

    /// <summary>23:59:59 CST of the period's last day, moved past days off (民法典 Art. 203).</summary>
    public DateTimeOffset EndOf(DateOnly nominalLastDay) => ChinaTime.EndOfDay(calendar.NextWorkingDayFrom(nominalLastDay));
}
