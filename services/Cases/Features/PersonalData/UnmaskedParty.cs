using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>A party with ID number and phone in clear — only from <c>GET /api/cases/{id}/parties</c>, and logged.</summary>
public sealed record UnmaskedParty(Guid Id, PartyRole Role, PartyKind Kind, string Name, string? IdNumber, string? Phone, string? Address);
