using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.RiskRegisters;

/// <summary>A risk item with its history; <c>status</c> is <c>open</c> or <c>closed</c> (销号).</summary>
public sealed record RiskItemResponse(Guid Id, Guid RegisterId, string Description, RiskLevel Level, Guid? CaseId, string Status,
    string OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset OpenedRecordedAt,
    string? ClosedBy, DateTimeOffset? ClosedAt, DateTimeOffset? ClosedRecordedAt, string? CloseNote)
{
    public static RiskItemResponse From(RiskItem i) => new(i.Id, i.RegisterId, i.Description, i.Level, i.CaseId,
        i.Closed ? "closed" : "open", i.OpenedBy, i.OpenedAt, i.OpenedRecordedAt, i.ClosedBy, i.ClosedAt, i.ClosedRecordedAt, i.CloseNote);
}
