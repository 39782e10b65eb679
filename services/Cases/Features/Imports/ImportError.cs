namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// One problem of a ledger file: the row as Excel shows it (the header is row 1), the column's header, the cell as
/// written and a Chinese message that names all three ("第 7 行 纠纷类别：'外星纠纷' 不是可选的类别").
/// </summary>
public sealed record ImportError(int Row, string? Column, string? Value, string Message)
{
    public static ImportError At(int row, string column, string? value, string problem) =>
        new(row, column, value, $"第 {row} 行 {column}：{problem}");
}
