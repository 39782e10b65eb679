using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>
/// Turns parties as clients send them into parties as stored: ID number and phone encrypted with the current key, the
/// ID number's and the phone's keyed hashes (exact search, repeat matters) and the masks every response shows.
/// </summary>
public sealed class PartyFactory(PersonalDataProtector protector)
{
    public Party Create(PartyInput p)
    {
        var id = Guid.CreateVersion7(); // the party's id is the associated data of its ciphertexts
        var idNumber = p.IdNumber is { Length: > 0 } n ? PersonalDataProtector.NormalizeIdNumber(n) : null;
        var phone = p.Phone is { Length: > 0 } ph ? ph.Trim() : null;
        return new Party
        {
            Id = id,
            Role = p.Role!.Value,
            Kind = p.Kind ?? Contracts.PartyKind.Person,
            Name = p.Name!.Trim(),
            IdNumberEncrypted = idNumber is null ? null : protector.Encrypt(idNumber, id, PersonalDataProtector.IdNumberField),
            IdNumberHash = idNumber is null ? null : protector.HashIdNumber(idNumber),
            IdNumberMasked = idNumber is null ? null : PersonalDataProtector.MaskIdNumber(idNumber),
            PhoneEncrypted = phone is null ? null : protector.Encrypt(phone, id, PersonalDataProtector.PhoneField),
            PhoneMasked = phone is null ? null : PersonalDataProtector.MaskPhone(phone),
            PhoneHash = phone is null ? null : protector.HashPhone(phone),
            Address = p.Address?.Trim(),
        };
    }

    public List<Party> CreateAll(IEnumerable<PartyInput>? parties) => (parties ?? []).Select(Create).ToList();

    /// <summary>
    /// A stored party as input again, for the same person in another case (a petition moved to mediation): its personal
    /// data decrypted, to be sealed anew under the new party's id (the id is the ciphertexts' associated data).
    /// </summary>
    public PartyInput InputOf(Party s) => new(s.Role, s.Kind, s.Name,
        s.IdNumberEncrypted is null ? null : protector.Decrypt(s.IdNumberEncrypted, s.Id, PersonalDataProtector.IdNumberField),
        s.PhoneEncrypted is null ? null : protector.Decrypt(s.PhoneEncrypted, s.Id, PersonalDataProtector.PhoneField), s.Address);

    /// <summary>Whether the requested parties equal the stored ones (roles, kinds, names, addresses, ID hashes, phones).</summary>
    public bool Same(IReadOnlyList<Party> stored, IReadOnlyList<PartyInput> requested)
    {
        if (stored.Count != requested.Count) return false;
        var a = stored.OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var b = requested.OrderBy(p => p.Role).ThenBy(p => p.Name!.Trim(), StringComparer.Ordinal).ToList();
        for (var i = 0; i < a.Count; i++)
        {
            var (s, q) = (a[i], b[i]);
            if (s.Role != q.Role || s.Kind != (q.Kind ?? Contracts.PartyKind.Person) || s.Name != q.Name!.Trim() || s.Address != q.Address?.Trim()) return false;
            var sameId = q.IdNumber is { Length: > 0 } id ? s.IdNumberHash is { } h && protector.HashesOf(id).Contains(h) : s.IdNumberHash is null;
            if (!sameId) return false;
            var phone = s.PhoneEncrypted is null ? null : protector.Decrypt(s.PhoneEncrypted, s.Id, PersonalDataProtector.PhoneField);
            if (phone != (q.Phone is { Length: > 0 } ph ? ph.Trim() : null)) return false;
        }
        return true;
    }
}
