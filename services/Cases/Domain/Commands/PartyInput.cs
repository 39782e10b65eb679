using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>A party as a client sends it. ID number and phone are encrypted before they are stored.</summary>
public sealed record PartyInput(PartyRole? Role, PartyKind? Kind, string? Name, string? IdNumber, string? Phone, string? Address);
