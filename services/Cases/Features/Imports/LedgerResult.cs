namespace MediationPlatform.Cases.Features.Imports;

/// <summary>调解结果 of a ledger row: 调解成功, 调解不成功, 撤回, 移交 (an empty cell: still open).</summary>
public enum LedgerResult { Resolved, Unresolved, Withdrawn, Transferred }
