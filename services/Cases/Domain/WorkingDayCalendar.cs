using System.Text.Json;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// China's working days (工作日) in China Standard Time: Monday–Friday are working days, Saturday and Sunday are not,
/// except the official off days (放假) of the State Council's yearly holiday notice, which are off, and its swapped
/// working days (调休上班), which are working days even on a weekend. Built from a data file per notice year; for a
/// year the data does not cover it falls back to weekends only and reports the year once through
/// <c>onMissingYear</c> (the service logs a warning) — a deadline is still computed, never refused.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _offDays;
    private readonly HashSet<DateOnly> _workdays;
    private readonly HashSet<int> _years;
    private readonly Action<int>? _onMissingYear;
    private readonly HashSet<int> _reported = [];

    public WorkingDayCalendar(IEnumerable<DateOnly> offDays, IEnumerable<DateOnly> workdays, IEnumerable<int> years, Action<int>? onMissingYear = null)
    {
        _offDays = offDays.ToHashSet();
        _workdays = workdays.ToHashSet();
        _years = years.ToHashSet();
        _onMissingYear = onMissingYear;
        var both = _offDays.Intersect(_workdays).ToList();
        if (both.Count > 0) throw new InvalidOperationException($"Calendar data lists {both[0]:yyyy-MM-dd} both as off day and as working day.");
    }

    /// <summary>
    /// Reads the shipped format: <c>{ "years": { "2021": { "holidays": [ { "name", "off": ["yyyy-MM-dd"…], "workdays": [...] } ] } } }</c>.
    /// A notice year may list dates of the year before (2023's 元旦 starts on 2022-12-31).
    /// </summary>
    public static WorkingDayCalendar FromJson(string json, Action<int>? onMissingYear = null)
    {
        using var doc = JsonDocument.Parse(json);
        var off = new List<DateOnly>();
        var work = new List<DateOnly>();
        var years = new List<int>();
        foreach (var year in doc.RootElement.GetProperty("years").EnumerateObject())
        {
            years.Add(int.Parse(year.Name, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var holiday in year.Value.GetProperty("holidays").EnumerateArray())
            {
                off.AddRange(holiday.GetProperty("off").EnumerateArray().Select(d => DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd")));
                if (holiday.TryGetProperty("workdays", out var w))
                    work.AddRange(w.EnumerateArray().Select(d => DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd")));
            }
        }
        return new WorkingDayCalendar(off, work, years, onMissingYear);
    }

    /// <summary>Whether the data has the holiday notice for <paramref name="year"/>.</summary>
    public bool Covers(int year) => _years.Contains(year);

    public IReadOnlyCollection<int> Years => _years;

    public bool IsWorkingDay(DateOnly day)
    {
        if (!Covers(day.Year)) ReportMissing(day.Year);
        if (_offDays.Contains(day)) return false;
        if (_workdays.Contains(day)) return true;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The <paramref name="workingDays"/>-th working day after <paramref name="start"/> (the start day itself does not count).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>
    /// A deadline <paramref name="workingDays"/> working days after an instant: counted from its date in China Standard
    /// Time (23:30 CST on 31 December is still the old year), due at the end of that day, 23:59:59 CST.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int workingDays) =>
        ChinaTime.EndOfDay(AddWorkingDays(ChinaTime.DateOf(from), workingDays));

    /// <summary><paramref name="day"/> itself when it is a working day, else the first working day after it.</summary>
    public DateOnly NextWorkingDayFrom(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    private void ReportMissing(int year)
    {
        if (_onMissingYear is null) return;
        lock (_reported)
        {
            if (!_reported.Add(year)) return;
        }
        _onMissingYear(year);
    }
}
