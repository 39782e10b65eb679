using MediationPlatform.Cases.Domain;

namespace MediationPlatform.Cases.Features.RepeatMatters;

/// <summary>
/// Candidate cases indexed by their applicants' keys, so that many new cases (a ledger import's batch) are each compared
/// with the few candidates sharing an applicant key instead of all of them; the rule itself is <see cref="RepeatMatterRule"/>.
/// Cases made meanwhile (earlier rows of the same batch) are added as they are made.
/// </summary>
public sealed class DuplicateIndex
{
    private readonly Dictionary<string, List<RepeatProbe>> _byKey = new(StringComparer.Ordinal);

    public DuplicateIndex(IEnumerable<RepeatProbe> candidates)
    {
        foreach (var c in candidates) Add(c);
    }

    public void Add(RepeatProbe c)
    {
        foreach (var key in c.Applicants.SelectMany(Keys).Distinct())
        {
            if (!_byKey.TryGetValue(key, out var list)) _byKey[key] = list = [];
            list.Add(c);
        }
    }

    public IReadOnlyList<PossibleDuplicate> Among(RepeatProbe probe) =>
        RepeatMatterRule.Among(probe, probe.Applicants.SelectMany(Keys).Distinct()
            .SelectMany(k => _byKey.GetValueOrDefault(k) ?? []).DistinctBy(c => c.Id));

    private static IEnumerable<string> Keys(ApplicantKey a)
    {
        if (a.IdNumberHash is not null) yield return "id:" + a.IdNumberHash;
        if (a.PhoneHash is not null) yield return "np:" + a.Name + "|" + a.PhoneHash;
    }
}
