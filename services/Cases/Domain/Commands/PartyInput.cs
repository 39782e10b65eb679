using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>A party as a client sends it. ID number and phone are encrypted before they are stored.</summary>
public sealed record PartyInput(
    PartyRole? Role, PartyKind? Kind, [property: MaxLength(200)] string? Name,
    [property: MaxLength(30), RegularExpression(@"^\s*[A-Za-z0-9]{6,30}\s*$")] string? IdNumber,
    [property: MaxLength(20), RegularExpression(@"^\s*[0-9+-][0-9+\- ]{3,18}[0-9+-]\s*$")] string? Phone,
    [property: MaxLength(500)] string? Address);
