using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>The parties' rules, shared by registration and PATCH: each bad field named as <c>parties[i].field</c>.</summary>
public static class PartyRules
{
    public const int MaxParties = 50;

    public static void Validate(List<PartyInput>? list, CaseKind? kind, Validation v)
    {
        var parties = list ?? [];
        if (parties.Count > MaxParties) v.Add("parties", $"At most {MaxParties} parties.");
        for (var i = 0; i < parties.Count && i < MaxParties; i++)
        {
            var p = parties[i];
            if (p is null) { v.Add($"parties[{i}]", "A party may not be null."); continue; }
            if (p.Role is null) v.Add($"parties[{i}].role", "'role' is required: applicant, respondent or third_party.");
            v.Require($"parties[{i}].name", p.Name, 200);
            if (p.IdNumber is { } id && (id.Trim().Length is < 6 or > 30 || !id.Trim().All(char.IsAsciiLetterOrDigit)))
                v.Add($"parties[{i}].idNumber", "'idNumber' must be 6–30 letters or digits.");
            if (p.Phone is { } ph && (ph.Trim().Length is < 5 or > 20 || !ph.Trim().All(ch => char.IsAsciiDigit(ch) || ch is '+' or '-' or ' ')))
                v.Add($"parties[{i}].phone", "'phone' must be 5–20 digits.");
            v.MaxLength($"parties[{i}].address", p.Address, 500);
        }
        // 人民调解: mediation is on a party's application or with the parties' consent — a dispute has an applicant (申请人).
        if (kind == CaseKind.Dispute && parties.Count <= MaxParties && parties.All(p => p?.Role is not null)
            && !parties.Any(p => p!.Role == PartyRole.Applicant))
            v.Add("parties", "A dispute needs at least one applicant (申请人): a party with role 'applicant'.");
    }
}
