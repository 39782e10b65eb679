using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Features.Referrals;

/// <summary>Puts the agency's step onto the case's referral and timeline (<see cref="Case.RecordReferralDeclined"/>).</summary>
public sealed class ReferralDeclinedConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<ReferralDeclined>(db, store)
{
    protected override Guid CaseIdOf(ReferralDeclined m) => m.CaseId;
    protected override string ActorOf(ReferralDeclined m) => m.By;

    protected override bool Apply(Case c, ReferralDeclined m, CaseContext ctx)
    {
        c.RecordReferralDeclined(m, ctx);
        return true;
    }
}
