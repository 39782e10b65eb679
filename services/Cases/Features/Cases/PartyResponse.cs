using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>A party as every case response shows it: ID number and phone masked (<c>500112********1234</c>, <c>138****5678</c>).</summary>
public sealed record PartyResponse(Guid Id, PartyRole Role, PartyKind Kind, string Name, string? IdNumber, string? Phone, string? Address)
{
    public static PartyResponse From(Party p) => new(p.Id, p.Role, p.Kind, p.Name, p.IdNumberMasked, p.PhoneMasked, p.Address);
}
