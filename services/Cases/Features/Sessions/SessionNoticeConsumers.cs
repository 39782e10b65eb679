using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Features.Sessions;

/// <summary>A session was booked for the case: "session_scheduled" on its timeline (<see cref="Case.NoteSessionScheduled"/>).</summary>
public sealed class SessionScheduledConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<SessionScheduled>(db, store)
{
    protected override Guid CaseIdOf(SessionScheduled m) => m.CaseId;
    protected override string ActorOf(SessionScheduled m) => m.By;
    protected override bool NeedsChildren => false;
    protected override bool Apply(Case c, SessionScheduled m, CaseContext ctx) => c.NoteSessionScheduled(m, ctx);
}

/// <summary>A session was moved: "session_rescheduled" on the case's timeline (<see cref="Case.NoteSessionRescheduled"/>).</summary>
public sealed class SessionRescheduledConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<SessionRescheduled>(db, store)
{
    protected override Guid CaseIdOf(SessionRescheduled m) => m.CaseId;
    protected override string ActorOf(SessionRescheduled m) => m.By;
    protected override bool NeedsChildren => false;
    protected override bool Apply(Case c, SessionRescheduled m, CaseContext ctx) => c.NoteSessionRescheduled(m, ctx);
}

/// <summary>A session was called off: "session_cancelled" on the case's timeline (<see cref="Case.NoteSessionCancelled"/>).</summary>
public sealed class SessionCancelledConsumer(CasesDbContext db, CaseStore store) : CaseChangeConsumer<SessionCancelled>(db, store)
{
    protected override Guid CaseIdOf(SessionCancelled m) => m.CaseId;
    protected override string ActorOf(SessionCancelled m) => m.By;
    protected override bool NeedsChildren => false;
    protected override bool Apply(Case c, SessionCancelled m, CaseContext ctx) => c.NoteSessionCancelled(m, ctx);
}
