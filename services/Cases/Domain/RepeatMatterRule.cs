using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// The repeat-matter rule (api.md "Repeat matters"), as a pure function. Another case is a possible duplicate of a new one
/// when all of these hold:
/// <list type="bullet">
/// <item>the same town (a case placed above town level has none and matches nothing);</item>
/// <item>the same kind, and the same category (disputes) or the same matter (petitions: the same category and the same
/// petition type — the contract does not define "matter" further);</item>
/// <item>it is open now, or the two were received within <see cref="WindowDays"/> days of each other;</item>
/// <item>an applicant of each is the same person: by the ID number's keyed hash when both have an ID number (two
/// different ID numbers are two people, whatever their names), else by the same name and the same phone's keyed hash
/// (a name alone never matches).</item>
/// </list>
/// </summary>
public static class RepeatMatterRule
{
    public const int WindowDays = 180;

    /// <summary>At most this many possible duplicates are named for one case, the most recently received first.</summary>
    public const int MaxListed = 10;

    public const string SameIdNumber = "same_id_number";
    public const string SameNameAndPhone = "same_name_and_phone";

    /// <summary>Why <paramref name="candidate"/> may repeat <paramref name="newer"/>'s matter, or null when it does not.</summary>
    public static string? Match(RepeatProbe newer, RepeatProbe candidate)
    {
        if (newer.Id == candidate.Id || newer.TownCode is null || newer.TownCode != candidate.TownCode) return null;
        if (newer.Kind != candidate.Kind || newer.Category != candidate.Category) return null;
        if (newer.Kind == CaseKind.Petition && newer.PetitionType != candidate.PetitionType) return null;
        if (!candidate.IsOpen && Math.Abs((newer.ReceivedAt - candidate.ReceivedAt).TotalDays) > WindowDays) return null;
        string? reason = null;
        foreach (var a in newer.Applicants)
            foreach (var b in candidate.Applicants)
            {
                var same = SameApplicant(a, b);
                if (same == SameIdNumber) return same;
                reason ??= same;
            }
        return reason;
    }

    /// <summary>The duplicates of <paramref name="newer"/> among <paramref name="candidates"/>, most recently received first, at most <see cref="MaxListed"/>.</summary>
    public static IReadOnlyList<PossibleDuplicate> Among(RepeatProbe newer, IEnumerable<RepeatProbe> candidates) =>
        candidates.Select(c => (Case: c, Reason: Match(newer, c)))
            .Where(x => x.Reason is not null)
            .OrderByDescending(x => x.Case.ReceivedAt).ThenBy(x => x.Case.Number, StringComparer.Ordinal)
            .Take(MaxListed)
            .Select(x => x.Case.AsDuplicate(x.Reason!))
            .ToList();

    /// <summary>Whether two applicants are the same person, and by what.</summary>
    public static string? SameApplicant(ApplicantKey a, ApplicantKey b)
    {
        if (a.IdNumberHash is not null && b.IdNumberHash is not null) return a.IdNumberHash == b.IdNumberHash ? SameIdNumber : null;
        return a.PhoneHash is not null && a.PhoneHash == b.PhoneHash && a.Name == b.Name ? SameNameAndPhone : null;
    }
}
