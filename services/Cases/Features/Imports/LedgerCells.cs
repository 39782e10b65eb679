using System.Globalization;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>One data row of a ledger: its row number as Excel shows it and its cells by column header (raw values as read).</summary>
public sealed class LedgerCells(int row, IReadOnlyDictionary<string, object?> cells)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public int Row { get; } = row;

    public object? Raw(string column) => cells.GetValueOrDefault(column);

    /// <summary>The cell as text (numbers without a needless ".0", dates as yyyy-MM-dd), trimmed; null when empty.</summary>
    public string? Text(string column) => TextOf(Raw(column));

    public bool IsEmpty => cells.Values.All(v => TextOf(v) is null);

    public static string? TextOf(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null,
    };

    /// <summary>A date cell: an Excel date, an Excel serial number, or text as yyyy-MM-dd (also yyyy/M/d, yyyy年M月d日).</summary>
    public static DateOnly? DateOf(object? value) => value switch
    {
        DateTime t => DateOnly.FromDateTime(t),
        double serial when serial is > 1 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
        string s when DateTime.TryParseExact(s.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) => DateOnly.FromDateTime(t),
        _ => null,
    };
}
