using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Features.Referrals;

/// <summary>Puts the agency's step onto the case's referral and timeline (<see cref="Case.RecordReferralAccepted"/>).</summary>
public sealed class ReferralAcceptedConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<ReferralAccepted>(db, store)
{
    protected override Guid CaseIdOf(ReferralAccepted m) => m.CaseId;
    protected override string ActorOf(ReferralAccepted m) => m.By;

    protected override bool Apply(Case c, ReferralAccepted m, CaseContext ctx)
    {
        c.RecordReferralAccepted(m, ctx);
        return true;
    }
}
