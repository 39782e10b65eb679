using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Cases.Domain;

// Mediation sessions (调解会) are booked, moved and called off in the mediator service; the case's timeline notes each
// step so that whoever reads the case sees them. Notices, not changes: the case's version and ETag stay, as its state
// does. What a held session recorded reaches the case separately, for the 调解记录 (SessionHeld, Features/Documents).
public sealed partial class Case
{
    /// <summary>"session_scheduled": when, with whom, in which room.</summary>
    public bool NoteSessionScheduled(SessionScheduled m, CaseContext ctx)
    {
        Notice(ctx, m.OccurredAt, "session_scheduled",
            new { sessionId = m.SessionId, startsAt = m.StartsAt, endsAt = m.EndsAt, mediatorIds = m.MediatorIds, roomId = m.RoomId });
        return true;
    }

    /// <summary>"session_rescheduled": from which interval to which (and the place).</summary>
    public bool NoteSessionRescheduled(SessionRescheduled m, CaseContext ctx)
    {
        Notice(ctx, m.OccurredAt, "session_rescheduled", new
        {
            sessionId = m.SessionId, from = new { startsAt = m.PreviousStartsAt, endsAt = m.PreviousEndsAt },
            to = new { startsAt = m.StartsAt, endsAt = m.EndsAt }, location = m.Location,
        });
        return true;
    }

    /// <summary>"session_cancelled": which session (the reason stays with the session in the mediator service).</summary>
    public bool NoteSessionCancelled(SessionCancelled m, CaseContext ctx)
    {
        Notice(ctx, m.OccurredAt, "session_cancelled", new { sessionId = m.SessionId, startsAt = m.StartsAt });
        return true;
    }
}
