using MediationPlatform.Cases.Domain;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// The legal periods over the real 2021–2026 calendar (民法典 Art. 201–203): the start day does not count, a month ends
/// on the corresponding day (or the month's last), and a last day that is a day off moves to the next working day —
/// a swapped working day (调休) counts as a working day. Pure: no database, no clock.
/// </summary>
public sealed class LegalClockTests
{
    public static readonly LegalClock Clock = new(WorkingDayCalendar.FromJson(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Data", "Calendar", "cn-holidays-2021-2026.json"))));

    private static DateTimeOffset Cst(string date) => DateTimeOffset.Parse(date + "T10:00:00+08:00");

    private static DateTimeOffset EndOf(string date) => DateTimeOffset.Parse(date + "T23:59:59+08:00");

    [Theory]
    [InlineData("2021-09-16", 15, "2021-10-08")] // the example: 1 Oct is 国庆 (1–7 Oct off) → Fri 8 Oct
    [InlineData("2021-09-10", 15, "2021-09-26")] // Sat 25 Sep → Sun 26 Sep, a swapped working day (调休)
    [InlineData("2021-03-05", 15, "2021-03-22")] // Sat 20 Mar → Mon 22 Mar
    [InlineData("2021-03-03", 15, "2021-03-18")] // an ordinary Thursday stays
    [InlineData("2021-08-02", 60, "2021-10-08")] // a claim accepted 2 Aug: 60 days end on 1 Oct → 8 Oct
    [InlineData("2021-08-02", 90, "2021-11-01")] // … extended by 30: Sun 31 Oct → Mon 1 Nov
    [InlineData("2021-09-01", 30, "2021-10-08")] // review window from a reply delivered 1 Sep
    [InlineData("2021-12-02", 30, "2022-01-04")] // judicial confirmation: 1 Jan 2022 (元旦 1–3 Jan) → 4 Jan
    [InlineData("2023-12-17", 15, "2024-01-02")] // 元旦 2024 on a Monday → Tue 2 Jan
    [InlineData("2024-04-20", 15, "2024-05-06")] // 劳动节 2024 → Mon 6 May
    [InlineData("2026-01-31", 15, "2026-02-24")] // 春节 2026 (15–23 Feb off) → Tue 24 Feb
    public void A_calendar_day_period_ending_on_a_day_off_ends_on_the_next_working_day(string from, int days, string due) =>
        Assert.Equal(EndOf(due), Clock.DueAfterDays(Cst(from), days));

    [Theory]
    [InlineData("2021-01-31", "2021-03-01")] // 28 Feb 2021 (the month's last day) is a Sunday → Mon 1 Mar
    [InlineData("2021-03-10", "2021-04-12")] // Sat 10 Apr → Mon 12 Apr
    [InlineData("2024-01-31", "2024-02-29")] // leap year: 29 Feb, a Thursday
    [InlineData("2025-09-01", "2025-10-09")] // 国庆/中秋 2025 (1–8 Oct off) → Thu 9 Oct
    [InlineData("2021-05-06", "2021-06-07")] // Sun 6 Jun → Mon 7 Jun
    public void The_mediation_month_ends_on_the_corresponding_day_moved_past_days_off(string from, string due) =>
        Assert.Equal(EndOf(due), Clock.DueAfterMonths(Cst(from), 1));

    [Fact]
    public void Days_are_counted_in_China_time_not_UTC()
    {
        // 00:30 CST on 1 January 2022 is still 31 December in UTC: the month runs from 1 Jan → 1 Feb (春节 31 Jan–6 Feb off) → 7 Feb
        Assert.Equal(EndOf("2022-02-07"), Clock.DueAfterMonths(DateTimeOffset.Parse("2021-12-31T16:30:00+00:00"), 1));
        Assert.Equal(2022, ChinaTime.YearOf(DateTimeOffset.Parse("2021-12-31T16:30:00+00:00")));
        Assert.Equal(2021, ChinaTime.YearOf(DateTimeOffset.Parse("2021-12-31T15:30:00+00:00")));
    }
}
