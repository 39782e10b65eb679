using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// A new dispute or petition (api.md, POST /api/cases). <c>receivedAt</c> defaults to now and may lie in the past
/// (back-filling a paper ledger), never in the future. <see cref="Validate"/> holds every rule of its shape.
/// </summary>
public sealed record RegisterCaseCommand(
    CaseKind? Kind, string? Title, string? Description, DisputeCategory? Category, PetitionType? PetitionType,
    string? RegionCode, CaseSource? Source, CaseChannel? Channel, DateTimeOffset? ReceivedAt, RiskLevel? RiskLevel,
    int? PartyCount, decimal? AmountInvolved, List<PartyInput>? Parties, string? ExternalRef)
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
