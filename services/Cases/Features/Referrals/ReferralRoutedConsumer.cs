using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Features.Referrals;

/// <summary>Remembers which organisation a referral was routed to (<see cref="Case.RecordReferralRouted"/>).</summary>
public sealed class ReferralRoutedConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<ReferralRouted>(db, store)
{
    protected override Guid CaseIdOf(ReferralRouted m) => m.CaseId;
    protected override string ActorOf(ReferralRouted m) => "mediator-service";

    protected override bool Apply(Case c, ReferralRouted m, CaseContext ctx)
    {
        c.RecordReferralRouted(m, ctx);
        return true;
    }
}
