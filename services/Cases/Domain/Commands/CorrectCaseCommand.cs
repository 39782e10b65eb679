using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// PATCH body: every field is optional; an absent (or null) field stays as it is. <c>parties</c> replaces the whole
/// list; <c>partyCount</c> is the number of people involved when more than the parties listed.
/// </summary>
public sealed record CorrectCaseCommand(
    [property: MaxLength(200)] string? Title, [property: MaxLength(4000)] string? Description, DisputeCategory? Category,
    RiskLevel? RiskLevel, [property: Range(0, 100_000)] int? PartyCount,
    [property: MaxLength(PartyRules.MaxParties)] List<PartyInput>? Parties)
{
    public Validation Validate(CaseKind kind)
    {
        var v = new Validation();
        if ((Title, Description, Category, RiskLevel, PartyCount, Parties) == (null, null, null, null, null, null))
        {
            v.Add("body", "Send at least one of title, description, category, riskLevel, partyCount, parties.");
            return v;
        }
        if (Title is not null) v.Require("title", Title, 200);
        v.MaxLength("description", Description, 4000);
        if (PartyCount is < 0 or > 100000) v.Add("partyCount", "'partyCount' must be 0–100000.");
        if (Parties is not null) PartyRules.Validate(Parties, kind, v);
        return v;
    }
}
