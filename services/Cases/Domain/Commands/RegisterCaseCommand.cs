using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// A new dispute or petition (api.md, POST /api/cases). <c>receivedAt</c> defaults to now and may lie in the past
/// (back-filling a paper ledger), never in the future. <see cref="Validate"/> holds every rule of its shape.
/// </summary>
[RequestExample("""
    {"kind":"dispute","title":"邻里排水沟纠纷","description":"两户因排水沟堵塞发生争执","category":"neighbourhood",
    "regionCode":"muer-v03","source":"application","channel":"walk_in","riskLevel":"low","receivedAt":"2026-11-20T09:30:00+08:00",
    "parties":[{"role":"applicant","kind":"person","name":"张某","idNumber":"500112198001011234","phone":"13812345678"},
    {"role":"respondent","kind":"person","name":"李某"}]}
    """)]
public sealed record RegisterCaseCommand(
    CaseKind? Kind, [property: MaxLength(200)] string? Title, [property: MaxLength(4000)] string? Description, DisputeCategory? Category,
    PetitionType? PetitionType, [property: MaxLength(40)] string? RegionCode, CaseSource? Source, CaseChannel? Channel,
    DateTimeOffset? ReceivedAt, RiskLevel? RiskLevel, [property: Range(0, 100_000)] int? PartyCount,
    // the column is numeric(14,2): 999,999,999,999.99 at most (the check below allows 1e12, which the column refuses)
    [property: Range(0, 999_999_999_999.99)] decimal? AmountInvolved,
    [property: MaxLength(PartyRules.MaxParties)] List<PartyInput>? Parties, [property: MaxLength(100)] string? ExternalRef)
{
    public Validation Validate(DateTimeOffset now)
    {
        var v = new Validation();
        if (Kind is null) v.Add("kind", "'kind' is required: dispute or petition.");
        v.Require("title", Title, 200);
        v.MaxLength("description", Description, 4000);
        if (Category is null) v.Add("category", "'category' is required.");
        if (Kind == CaseKind.Petition && PetitionType is null) v.Add("petitionType", "'petitionType' is required for a petition.");
        if (Kind == CaseKind.Dispute && PetitionType is not null) v.Add("petitionType", "'petitionType' applies to petitions only.");
        if (string.IsNullOrWhiteSpace(RegionCode)) v.Add("regionCode", "'regionCode' is required.");
        else if (RegionCode.Length > 40) v.Add("regionCode", "'regionCode' must be at most 40 characters.");
        if (Source is null) v.Add("source", "'source' is required.");
        if (Channel is null) v.Add("channel", "'channel' is required.");
        if (RiskLevel is null) v.Add("riskLevel", "'riskLevel' is required: low, medium, high or critical.");
        v.NotInFuture("receivedAt", ReceivedAt, now);
        if (ReceivedAt is { } at && at.Year < 2000) v.Add("receivedAt", "'receivedAt' is implausibly old.");
        if (PartyCount is < 0 or > 100000) v.Add("partyCount", "'partyCount' must be 0–100000.");
        if (AmountInvolved is < 0 or > 1_000_000_000_000m) v.Add("amountInvolved", "'amountInvolved' must be a non-negative amount in yuan.");
        v.MaxLength("externalRef", ExternalRef, 100);
        PartyRules.Validate(Parties, Kind, v);
        return v;
    }
}
