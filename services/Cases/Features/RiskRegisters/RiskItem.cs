using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.RiskRegisters;

/// <summary>One risk (风险隐患) in a register, with its history: opened by/at, closed by/at and the closing note.</summary>
public sealed class RiskItem
{
    public Guid Id { get; set; }
    public Guid RegisterId { get; set; }
    public string Description { get; set; } = "";
    public RiskLevel Level { get; set; }
    public Guid? CaseId { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset OpenedRecordedAt { get; set; }
    public bool Closed { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? ClosedRecordedAt { get; set; }
    public string? CloseNote { get; set; }
}
