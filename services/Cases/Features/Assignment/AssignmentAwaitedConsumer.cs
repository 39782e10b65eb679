using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Features.Assignment;

/// <summary>Nobody has room for the dispute yet: "awaiting_mediator" on its timeline and the supervision list (<see cref="Case.AwaitMediator"/>).</summary>
public sealed class AssignmentAwaitedConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<AssignmentAwaited>(db, store)
{
    protected override Guid CaseIdOf(AssignmentAwaited m) => m.CaseId;
    protected override string ActorOf(AssignmentAwaited m) => "system:assignment";
    protected override bool NeedsChildren => false; // a notice on the case alone (a saturated town gets one per new dispute)
    protected override bool Apply(Case c, AssignmentAwaited m, CaseContext ctx) => c.AwaitMediator(m, ctx);
}
