namespace MediationPlatform.Cases.Features.Imports;

/// <summary>A ledger as read: the header's row, the contract's columns it lacks, and its non-empty data rows.</summary>
public sealed record LedgerSheet(int HeaderRow, IReadOnlyList<string> MissingColumns, IReadOnlyList<LedgerCells> Rows);
