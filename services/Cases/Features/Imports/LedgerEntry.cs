namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// A ledger row that became a case: the key (town, CST year of 登记日期, 序号) that makes importing the same row again
/// add nothing, and the case it became.
/// </summary>
public sealed class LedgerEntry
{
    public string TownCode { get; set; } = "";
    public int Year { get; set; }
    public string Sequence { get; set; } = "";
    public Guid CaseId { get; set; }
    public Guid ImportId { get; set; }
    public int Row { get; set; }
}
