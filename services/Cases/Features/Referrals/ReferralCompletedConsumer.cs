using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Features.Referrals;

/// <summary>Puts the agency's step onto the case's referral and timeline (<see cref="Case.RecordReferralCompleted"/>).</summary>
public sealed class ReferralCompletedConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<ReferralCompleted>(db, store)
{
    protected override Guid CaseIdOf(ReferralCompleted m) => m.CaseId;
    protected override string ActorOf(ReferralCompleted m) => m.By;

    protected override bool Apply(Case c, ReferralCompleted m, CaseContext ctx)
    {
        c.RecordReferralCompleted(m, ctx);
        return true;
    }
}
