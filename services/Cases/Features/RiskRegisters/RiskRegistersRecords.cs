using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.RiskRegisters;

public sealed record AddRiskItemRequest([property: MaxLength(2000)] string? Description, RiskLevel? Level, Guid? CaseId,
    DateTimeOffset? OccurredAt);

public sealed record CloseRiskItemRequest([property: MaxLength(2000)] string? Note, DateTimeOffset? OccurredAt);

/// <summary>
/// <c>year</c>: 2000 to next year (China Standard Time), checked by the endpoint; the declared maximum is the type's, since a
/// constant cannot follow the clock.
/// </summary>
public sealed record CreateRiskRegisterRequest(
    [property: MaxLength(200)] string? Title, [property: MaxLength(40)] string? RegionCode,
    [property: Range(2000, int.MaxValue)] int? Year);

/// <summary>A risk item with its history; <c>status</c> is <c>open</c> or <c>closed</c> (销号).</summary>
public sealed record RiskItemResponse(Guid Id, Guid RegisterId, string Description, RiskLevel Level, Guid? CaseId, string Status,
    string OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset OpenedRecordedAt,
    string? ClosedBy, DateTimeOffset? ClosedAt, DateTimeOffset? ClosedRecordedAt, string? CloseNote)
{
    public static RiskItemResponse From(RiskItem i) => new(i.Id, i.RegisterId, i.Description, i.Level, i.CaseId,
        i.Closed ? "closed" : "open", i.OpenedBy, i.OpenedAt, i.OpenedRecordedAt, i.ClosedBy, i.ClosedAt, i.ClosedRecordedAt, i.CloseNote);
}

/// <summary>A register with its open and closed item counts (and, when read alone, its items).</summary>
public sealed record RiskRegisterResponse(Guid Id, string Title, string RegionCode, int Year, string CreatedBy, DateTimeOffset CreatedAt,
    int OpenItems, int ClosedItems, IReadOnlyList<RiskItemResponse>? Items)
{
    public static RiskRegisterResponse From(RiskRegister r, bool withItems) => new(r.Id, r.Title, r.RegionCode, r.Year, r.CreatedBy,
        r.CreatedAt, r.Items.Count(i => !i.Closed), r.Items.Count(i => i.Closed),
        withItems ? r.Items.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id).Select(RiskItemResponse.From).ToList() : null);
}
