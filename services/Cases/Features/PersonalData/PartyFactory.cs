using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>
/// Turns parties as clients send them into parties as stored: ID number and phone encrypted with the current key, the
/// ID number's and the phone's keyed hashes (exact search, repeat matters) and the masks every response shows.
/// </summary>
public sealed class PartyFactory(PersonalDataProtector protector)
{
    public Party Create(PartyInput p) => new()
    {
        Id = Guid.CreateVersion7(),
        Role = p.Role!.Value,
        Kind = p.Kind ?? Contracts.PartyKind.Person,
        Name = p.Name!.Trim(),
        IdNumberEncrypted = p.IdNumber is { Length: > 0 } id ? protector.Encrypt(PersonalDataProtector.NormalizeIdNumber(id)) : null,
        IdNumberHash = p.IdNumber is { Length: > 0 } id2 ? protector.HashIdNumber(id2) : null,
        IdNumberMasked = p.IdNumber is { Length: > 0 } id3 ? PersonalDataProtector.MaskIdNumber(id3) : null,
        PhoneEncrypted = p.Phone is { Length: > 0 } ph ? protector.Encrypt(ph.Trim()) : null,
        PhoneMasked = p.Phone is { Length: > 0 } ph2 ? PersonalDataProtector.MaskPhone(ph2) : null,
        PhoneHash = p.Phone is { Length: > 0 } ph3 ? protector.HashPhone(ph3) : null,
        Address = p.Address?.Trim(),
    };

    public List<Party> CreateAll(IEnumerable<PartyInput>? parties) => (parties ?? []).Select(Create).ToList();

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
            var idHash = q.IdNumber is { Length: > 0 } id ? protector.HashIdNumber(id) : null;
            if (s.IdNumberHash != idHash) return false;
            var phone = s.PhoneEncrypted is null ? null : protector.Decrypt(s.PhoneEncrypted);
            if (phone != (q.Phone is { Length: > 0 } ph ? ph.Trim() : null)) return false;
        }
        return true;
    }
}
