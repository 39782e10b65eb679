using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Features.Assignment;

/// <summary>Puts the mediator service's assignment on the case (<see cref="Case.AssignMediator"/>).</summary>
public sealed class MediatorAssignedConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<MediatorAssigned>(db, store)
{
    protected override Guid CaseIdOf(MediatorAssigned m) => m.CaseId;
    protected override string ActorOf(MediatorAssigned m) => m.Automatic ? "system:assignment" : "mediator-service";

    /// <summary>
    /// The assignment reads and writes the case alone (<see cref="Case.AssignMediator"/>: its status, mediator, deadlines
    /// and the agency's view of them), never its parties, referrals or links: three queries fewer for every new dispute.
    /// </summary>
    protected override bool NeedsChildren => false;
    protected override bool Apply(Case c, MediatorAssigned m, CaseContext ctx)
    {
        c.AssignMediator(m, ctx);
        return true;
    }
}
