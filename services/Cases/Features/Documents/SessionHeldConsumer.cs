using MassTransit;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Documents;

/// <summary>Keeps the case's sessions (<see cref="CaseSession"/>) for its 调解记录; the inbox makes a redelivery harmless.</summary>
public sealed class SessionHeldConsumer(CasesDbContext db) : InboxConsumer<SessionHeld, CasesDbContext>(db)
{
    protected override async Task ApplyAsync(SessionHeld m, ConsumeContext<SessionHeld> context, CancellationToken ct)
    {
        var session = await Db.Sessions.FirstOrDefaultAsync(s => s.SessionId == m.SessionId, ct);
        if (session is null) Db.Sessions.Add(session = new CaseSession { SessionId = m.SessionId });
        session.CaseId = m.CaseId;
        session.Held = m.Held;
        session.StartsAt = m.StartsAt;
        session.OccurredAt = m.OccurredAt;
        session.Location = m.Location;
        session.MediatorIds = m.MediatorIds?.ToList() ?? [];
        session.AttendeeCount = m.AttendeeCount;
        session.Summary = m.Summary;
        session.RecordedAt = m.RecordedAt;
    }
}
