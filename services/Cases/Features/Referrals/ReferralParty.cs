using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Referrals;

/// <summary>A party as an agency handling a referral sees it: role, kind, name and the masked phone — no ID number.</summary>
public sealed record ReferralParty(PartyRole Role, PartyKind Kind, string Name, string? Phone);
