using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Features.Projections;

namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>A referral with what the agency did with it (the join of <see cref="ReferralFact"/> and <see cref="ReferralOutcomeFact"/>).</summary>
public sealed record ReferralRow(Agency Agency, DateTimeOffset MadeAt, DateTimeOffset? AcceptedAt, DateTimeOffset? DeclinedAt, DateTimeOffset? CompletedAt);
