using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// An applicant (申请人) as the repeat-matter rule compares them: the name and the keyed hashes of the ID number and the
/// phone (<c>PersonalDataProtector</c>) — never plaintext.
/// </summary>
public sealed record ApplicantKey(string Name, string? IdNumberHash, string? PhoneHash)
{
    public static IReadOnlyList<ApplicantKey> Of(IEnumerable<Party> parties) =>
        parties.Where(p => p.Role == PartyRole.Applicant).Select(p => new ApplicantKey(p.Name, p.IdNumberHash, p.PhoneHash)).ToList();
}
