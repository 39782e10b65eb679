using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>A ledger row that may repeat a case already in the platform (api.md "Repeat matters"): the row and that case.</summary>
public sealed record ImportDuplicate(int Row, Guid Id, string Number, CaseStatus Status, DateTimeOffset ReceivedAt, string Reason)
{
    public static ImportDuplicate Of(int row, PossibleDuplicate d) => new(row, d.Id, d.Number, d.Status, d.ReceivedAt, d.Reason);
}

/// <summary>
/// One problem of a ledger file: the row as Excel shows it (the header is row 1), the column's header, the cell as
/// written and a Chinese message that names all three ("第 7 行 纠纷类别：'外星纠纷' 不是可选的类别").
/// </summary>
public sealed record ImportError(int Row, string? Column, string? Value, string Message)
{
    public static ImportError At(int row, string column, string? value, string problem) =>
        new(row, column, value, $"第 {row} 行 {column}：{problem}");
}

/// <summary>
/// What a check of a ledger found (the dry run's answer, and the body of a refused real import): its data rows, how many
/// have no error, how many were already imported (they would be skipped), every error, and the rows that may repeat a
/// case already in the platform.
/// </summary>
public sealed record ImportReport(int Rows, int Valid, int Skipped, IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportDuplicate> PossibleDuplicates);

/// <summary>调解结果 of a ledger row: 调解成功, 调解不成功, 撤回, 移交 (an empty cell: still open).</summary>
public enum LedgerResult { Resolved, Unresolved, Withdrawn, Transferred }

/// <summary>A ledger as read: the header's row, the contract's columns it lacks, and its non-empty data rows.</summary>
public sealed record LedgerSheet(int HeaderRow, IReadOnlyList<string> MissingColumns, IReadOnlyList<LedgerCells> Rows);
