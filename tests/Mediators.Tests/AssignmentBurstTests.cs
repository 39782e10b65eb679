using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

/// <summary>
/// A burst of one town's new disputes (a back-filled paper ledger) is taken in batches (ADR 0017) and decided as one at
/// a time would: in the order they arrived, nobody over capacity, each dispute once — assigned or waiting, never both.
/// </summary>
[Collection(MediatorsCollection.Name)]
public sealed class AssignmentBurstTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;

    [Fact]
    public async Task A_burst_of_new_disputes_is_assigned_in_arrival_order_up_to_capacity_and_the_rest_wait()
    {
        var place = await Place.CreateAsync(_f);
        var mediators = new[]
        {
            await place.MediatorAsync(_f, fixture.CommitteeId, max: 3),
            await place.MediatorAsync(_f, fixture.CommitteeId, max: 3),
        };
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        var ids = Enumerable.Range(0, 15).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            await _f.PublishAsync(new CaseRegistered(id, 1, at, DateTimeOffset.UtcNow, $"B-{i:00}-{id.ToString()[..6]}", CaseKind.Dispute,
                DisputeCategory.Neighbourhood, null, place.Village, place.Town, place.District, CaseSource.Application, CaseChannel.WalkIn,
                RiskLevel.Low, at, 1, null, "u", null));

        var known = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Cases.CountAsync(c => ids.Contains(c.CaseId))), n => n == 15,
            TimeSpan.FromSeconds(20));
        Assert.True(known == 15, $"all 15 disputes should be known within 20 s; {known} were");
        await Task.Delay(500); // anything still to come would show now

        var (cases, assignments, outbox, load) = await _f.WithDbAsync(async db => (
            await db.Cases.AsNoTracking().Where(c => ids.Contains(c.CaseId)).ToListAsync(),
            await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.CaseId)).ToListAsync(),
            await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId != null && ids.Contains(m.AggregateId.Value)).ToListAsync(),
            await db.Mediators.AsNoTracking().Where(m => mediators.Contains(m.Id)).Select(m => m.ActiveCases).ToListAsync()));
        Assert.True(load.All(n => n == 3), $"each mediator full at 3, never over: {string.Join(", ", load)}");
        Assert.True(assignments.Count == 6 && assignments.Select(a => a.CaseId).Distinct().Count() == 6,
            $"six disputes assigned, each once: {assignments.Count} assignments for {assignments.Select(a => a.CaseId).Distinct().Count()} disputes");
        var assigned = assignments.Select(a => a.CaseId).ToHashSet();
        Assert.True(assigned.SetEquals(ids.Take(6)),
            "the first six to arrive get the room: got positions " + string.Join(",", ids.Select((id, i) => (id, i)).Where(x => assigned.Contains(x.id)).Select(x => x.i)));
        foreach (var c in cases)
        {
            var announced = outbox.Count(m => m.AggregateId == c.CaseId && m.MessageType == nameof(AssignmentAwaited));
            var told = outbox.Count(m => m.AggregateId == c.CaseId && m.MessageType == nameof(MediatorAssigned));
            Assert.True(assigned.Contains(c.CaseId)
                    ? c.AssignedMediatorId is not null && c.AwaitingSince is null && told == 1 && announced == 0
                    : c.AssignedMediatorId is null && c.AwaitingSince is not null && told == 0 && announced == 1,
                $"dispute {ids.IndexOf(c.CaseId)}: mediator {c.AssignedMediatorId}, awaiting since {c.AwaitingSince}, MediatorAssigned {told}, AssignmentAwaited {announced}");
        }
    }
}
