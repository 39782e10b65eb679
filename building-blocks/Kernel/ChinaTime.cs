namespace MediationPlatform.Kernel;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving): the calendar every figure, number and legal period of the platform
/// is counted in (product.md: "a year is a calendar year in China Standard Time, not UTC"). The one place that turns an
/// instant into a China date or year; read the clock through <see cref="TimeProvider"/> so tests can move it.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>
    /// China Standard Time as a time zone, for schedulers that want one (the annual Quartz job): the system's Asia/Shanghai,
    /// or — on a machine or container without the tz database — the same fixed UTC+8 under the same id, so a schedule is
    /// the same everywhere.
    /// </summary>
    public static readonly TimeZoneInfo Zone = FindOrMake("Asia/Shanghai");

    private static TimeZoneInfo FindOrMake(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, Offset, "China Standard Time", "China Standard Time");
        }
    }

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static int YearOf(DateTimeOffset instant) => instant.ToOffset(Offset).Year;

    public static int MonthOf(DateTimeOffset instant) => instant.ToOffset(Offset).Month;

    /// <summary>00:00:00 CST of <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>23:59:59 CST of <paramref name="day"/>: the last moment of a period that ends that day (民法典 Art. 203: 二十四时).</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), Offset);

    /// <summary>[1 January 00:00 CST, next 1 January 00:00 CST) of <paramref name="year"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) YearWindow(int year) =>
        (new DateTimeOffset(year, 1, 1, 0, 0, 0, Offset), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, Offset));

    /// <summary>Now, on the China calendar.</summary>
    public static DateOnly ChinaToday(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>This year, on the China calendar.</summary>
    public static int ChinaYear(this TimeProvider clock) => YearOf(clock.GetUtcNow());
}
