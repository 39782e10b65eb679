namespace MediationPlatform.Cases.Features.RiskRegisters;

/// <summary>A register with its open and closed item counts (and, when read alone, its items).</summary>
public sealed record RiskRegisterResponse(Guid Id, string Title, string RegionCode, int Year, string CreatedBy, DateTimeOffset CreatedAt,
    int OpenItems, int ClosedItems, IReadOnlyList<RiskItemResponse>? Items)
{
    public static RiskRegisterResponse From(RiskRegister r, bool withItems) => new(r.Id, r.Title, r.RegionCode, r.Year, r.CreatedBy,
        r.CreatedAt, r.Items.Count(i => !i.Closed), r.Items.Count(i => i.Closed),
        withItems ? r.Items.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id).Select(RiskItemResponse.From).ToList() : null);
}
