using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// Deadlines in calendar days (or months) in China Standard Time (UTC+8, no daylight saving). A deadline is the last
/// moment of its last day, 23:59:59 CST. Rules stated in working days use <see cref="WorkingDayCalendar"/>.
/// </summary>
public static class LegalClock
{
    public static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public const int PetitionAcceptanceDays = 15;   // 信访工作条例 Art. 22
    public const int MediationMonths = 1;           // 人民调解工作若干规定 Art. 36
    public const int PetitionConclusionDays = 60;   // 信访工作条例 Art. 32
    public const int PetitionMaxExtensionDays = 30; // Art. 32, once
    public const int ReviewRequestDays = 30;        // Art. 35
    public const int ReviewAnswerDays = 30;         // Art. 35, 36
    public const int JudicialConfirmationDays = 30; // 人民调解法 Art. 33

    public static DateOnly CstDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Cst).DateTime);

    public static int CstYear(DateTimeOffset instant) => instant.ToOffset(Cst).Year;

    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new(day.ToDateTime(new TimeOnly(23, 59, 59)), Cst);

    public static DateTimeOffset AddDays(DateTimeOffset from, int days) => EndOfDay(CstDate(from).AddDays(days));

    public static DateTimeOffset AddMonths(DateTimeOffset from, int months) => EndOfDay(CstDate(from).AddMonths(months));

    public static (DateTimeOffset? MediationDueAt, DateTimeOffset? AcceptanceDueAt) InitialDeadlines(CaseKind kind, DateTimeOffset receivedAt) =>
        kind == CaseKind.Dispute
            ? (AddMonths(receivedAt, MediationMonths), null)
            : (null, AddDays(receivedAt, PetitionAcceptanceDays));
}
