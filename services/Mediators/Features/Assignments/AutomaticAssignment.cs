using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Domain;
using MediationPlatform.Mediators.Features.Mediators;
using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>
/// The one path by which a dispute gets a mediator without a person choosing: the new-case consumer, the capacity queue
/// and a supervisor's "pick for me" (<c>POST /api/assignments</c> without <c>mediatorId</c>) all load the candidates
/// here, let <see cref="AssignmentPolicy"/> decide, and record the assignment the same way. The case's row must be
/// locked by the caller (<see cref="Workload.LockCaseAsync"/>).
/// </summary>
public static class AutomaticAssignment
{
    /// <summary>The active mediators who serve the case's village, town or district (minus <paramref name="except"/>), decided by the ladder.</summary>
    public static async Task<AssignmentDecision> ChooseAsync(MediatorsDbContext db, CaseRef c, Guid? registeredBy, Guid? except, CancellationToken ct)
    {
        var mediators = await Serving(db, except, c.Place.Codes).ToListAsync(ct);
        return AssignmentPolicy.Choose(new CaseToAssign(c.RegionCode, c.TownCode, c.DistrictCode, c.Category, c.RiskLevel, registeredBy),
            mediators.Select(x => new MediatorCandidate(x.Id, x.Kind, x.RegionCodes, x.Specialties, x.MaxActiveCases,
                x.ActiveCases, x.LastAssignedAt, x.Active)).ToList());
    }

    /// <summary>
    /// The active mediators serving any of the codes, untracked. A compiled query: it runs for every new dispute, and
    /// building and matching its LINQ expression each time cost more CPU than the query itself (ADR 0017).
    /// </summary>
    private static readonly Func<MediatorsDbContext, Guid?, string[], IAsyncEnumerable<Mediator>> Serving = EF.CompileAsyncQuery(
        (MediatorsDbContext db, Guid? except, string[] codes) =>
            db.Mediators.AsNoTracking().Where(x => x.Active && x.Id != except && x.RegionCodes.Any(r => codes.Contains(r))));

    /// <summary>
    /// Records that <paramref name="mediatorId"/> takes the case as of <paramref name="assignedAt"/>: the workload moved
    /// (false when the mediator reached capacity meanwhile and <paramref name="allowOverCapacity"/> is off: nothing
    /// recorded), the case's current mediator, the Assignment row and MediatorAssigned in the outbox.
    /// </summary>
    public static async Task<Assignment?> RecordAsync(MediatorsDbContext db, CaseRef c, Guid mediatorId, string? reason, bool automatic,
        DateTimeOffset assignedAt, DateTimeOffset now, string by, bool allowOverCapacity, CancellationToken ct)
    {
        if (!await Workload.TakeAsync(db, mediatorId, now, allowOverCapacity, ct)) return null;
        var previousId = c.AssignedMediatorId;
        if (previousId is { } prev) await Workload.GiveBackAsync(db, prev, ct);
        c.AssignedMediatorId = mediatorId;
        c.AwaitingSince = null;
        var assignment = new Assignment
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.CaseId,
            MediatorId = mediatorId,
            PreviousMediatorId = previousId,
            Automatic = automatic,
            Reason = reason,
            AssignedAt = assignedAt,
            RecordedAt = now,
            AssignedBy = by,
        };
        db.Assignments.Add(assignment);
        db.AddOutboxMessage(new MediatorAssigned(c.CaseId, assignment.Id, mediatorId, previousId, automatic, reason, assignedAt, now), c.CaseId);
        return assignment;
    }
}
