using System.Net.Http.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.Mediators.Tests;

/// <summary>
/// No dispute waits silently: a dispute nobody serving its place has room for is announced (AssignmentAwaited, for the
/// case service's timeline and supervision list) and assigned, oldest first, as soon as room frees — a case of theirs
/// ends, their capacity is raised, a mediator is added or reactivated — within seconds, not on a slow poll.
/// </summary>
[Collection(MediatorsCollection.Name)]
public sealed class CapacityQueueTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10); // the sweep backstop is 60 s: passing within 10 s means the signal did it

    private Task<Guid?> AssigneeAsync(Guid caseId) =>
        _f.WithDbAsync(db => db.Cases.Where(c => c.CaseId == caseId).Select(c => c.AssignedMediatorId).FirstOrDefaultAsync());

    private async Task<Guid?> AssignedSoonAsync(Guid caseId) => await Eventually.ValueAsync(() => AssigneeAsync(caseId), m => m is not null, Soon);

    private async Task AwaitingAsync(Guid caseId)
    {
        var awaiting = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Cases.Where(c => c.CaseId == caseId).Select(c => c.AwaitingSince).FirstOrDefaultAsync()),
            a => a is not null, Soon);
        Assert.True(awaiting is not null, $"case {caseId} never entered the capacity queue");
        var announced = await _f.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.AggregateId == caseId && m.MessageType == nameof(AssignmentAwaited)));
        Assert.Equal(1, announced);
    }

    [Fact]
    public async Task Room_freed_by_a_resolution_goes_to_the_oldest_waiting_dispute_and_only_once()
    {
        var place = await Place.CreateAsync(_f);
        var mediatorId = await place.MediatorAsync(_f, fixture.CommitteeId, max: 1);
        var first = await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-5));
        Assert.Equal(mediatorId, await AssignedSoonAsync(first));
        var newer = await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-1));
        var older = await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-3)); // registered later, received earlier
        await AwaitingAsync(newer);
        await AwaitingAsync(older);

        var now = DateTimeOffset.UtcNow;
        await _f.PublishAsync(new CaseResolved(first, 5, now, now, AgreementType.Written, null, false, now.AddDays(30)));
        Assert.True(await AssignedSoonAsync(older) == mediatorId, "the oldest waiting dispute was not assigned when room freed");
        var assignment = await _f.WithDbAsync(db => db.Assignments.AsNoTracking().SingleAsync(a => a.CaseId == older));
        Assert.True(assignment.AssignedAt > now.AddSeconds(-5), $"the assignment takes effect when made, not back-dated: {assignment.AssignedAt:O}");
        Assert.Null(await AssigneeAsync(newer)); // still full: the newer one keeps waiting
        Assert.Equal(1, await Place.ActiveCasesAsync(_f, mediatorId));
        Assert.Equal(1, await _f.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.AggregateId == older && m.MessageType == nameof(MediatorAssigned))));
    }

    [Fact]
    public async Task Raising_the_capacity_and_adding_a_mediator_each_take_waiting_disputes_oldest_first()
    {
        var place = await Place.CreateAsync(_f);
        var mediatorId = await place.MediatorAsync(_f, fixture.CommitteeId, max: 1);
        var cases = new List<Guid>();
        for (var i = 0; i < 4; i++) cases.Add(await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-10 + i)));
        Assert.Equal(mediatorId, await AssignedSoonAsync(cases[0]));
        foreach (var c in cases.Skip(1)) await AwaitingAsync(c);

        using var admin = _f.Admin();
        (await admin.PatchAsJsonAsync($"/api/mediators/{mediatorId}", new { maxActiveCases = 2 })).EnsureSuccessStatusCode();
        Assert.True(await AssignedSoonAsync(cases[1]) == mediatorId, "a raised capacity did not take the oldest waiting dispute");
        Assert.Null(await AssigneeAsync(cases[2]));

        var second = await place.MediatorAsync(_f, fixture.CommitteeId, max: 1);
        Assert.True(await AssignedSoonAsync(cases[2]) == second, "a new mediator did not take the oldest waiting dispute");
        Assert.Null(await AssigneeAsync(cases[3]));

        (await admin.PatchAsJsonAsync($"/api/mediators/{second}", new { active = false })).EnsureSuccessStatusCode();
        (await admin.PatchAsJsonAsync($"/api/mediators/{second}", new { active = true, maxActiveCases = 2 })).EnsureSuccessStatusCode();
        Assert.True(await AssignedSoonAsync(cases[3]) == second, "a reactivated mediator with room did not take the last waiting dispute");
        Assert.Equal(2, await Place.ActiveCasesAsync(_f, mediatorId));
        Assert.Equal(2, await Place.ActiveCasesAsync(_f, second));
        Assert.False(await _f.WithDbAsync(db => db.Cases.AnyAsync(c => cases.Contains(c.CaseId) && c.AwaitingSince != null)));
    }

    /// <summary>
    /// Two replicas draining at once (this process's queue and a second one over the same database, as another replica
    /// would be): each waiting dispute is assigned once, in order, and the mediator never goes over capacity.
    /// </summary>
    [Fact]
    public async Task Two_replicas_draining_at_once_assign_each_waiting_dispute_once_and_never_over_capacity()
    {
        var place = await Place.CreateAsync(_f);
        var mediatorId = await place.MediatorAsync(_f, fixture.CommitteeId, max: 1);
        var busy = await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-20));
        Assert.Equal(mediatorId, await AssignedSoonAsync(busy));
        var waiting = new List<Guid>();
        for (var i = 0; i < 8; i++) waiting.Add(await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-19 + i)));
        foreach (var c in waiting) await AwaitingAsync(c);

        // room for five more, made behind the queue's back (no signal): only the two drains below may assign
        await _f.WithDbAsync(db => db.Mediators.Where(m => m.Id == mediatorId).ExecuteUpdateAsync(s => s.SetProperty(m => m.MaxActiveCases, 6)));
        var scopes = _f.Services.GetRequiredService<IServiceScopeFactory>();
        var replicaA = _f.Services.GetRequiredService<MediationPlatform.Mediators.Features.Assignments.CapacityQueue>();
        var replicaB = new MediationPlatform.Mediators.Features.Assignments.CapacityQueue(scopes, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MediationPlatform.Mediators.Features.Assignments.CapacityQueue>.Instance);
        var drained = await Task.WhenAll(replicaA.DrainAsync(null, CancellationToken.None), replicaB.DrainAsync(null, CancellationToken.None));
        // (other tests' waiting disputes elsewhere may be assigned by the same sweeps: the place's own are checked below)
        Assert.True(drained.Sum() >= 5, $"the two drains assigned {drained[0]} + {drained[1]}, expected at least this place's 5");

        var assigned = await _f.WithDbAsync(db => db.Assignments.AsNoTracking().Where(a => waiting.Contains(a.CaseId)).Select(a => a.CaseId).ToListAsync());
        Assert.Equal(assigned.Count, assigned.Distinct().Count()); // nothing assigned twice
        Assert.Equal(waiting.Take(5).Order(), assigned.Order()); // the five oldest
        Assert.Equal(6, await Place.ActiveCasesAsync(_f, mediatorId));
        var announced = await _f.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => waiting.Contains(m.AggregateId!.Value) && m.MessageType == nameof(MediatorAssigned)));
        Assert.Equal(5, announced);
    }

    [Fact]
    public async Task A_waiting_dispute_that_ends_leaves_the_queue()
    {
        var place = await Place.CreateAsync(_f);
        var mediatorId = await place.MediatorAsync(_f, fixture.CommitteeId, max: 1);
        var busy = await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-5));
        var withdrawn = await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-4));
        var waiting = await place.CaseAsync(_f, receivedAt: DateTimeOffset.UtcNow.AddDays(-3));
        Assert.Equal(mediatorId, await AssignedSoonAsync(busy));
        await AwaitingAsync(withdrawn);
        var now = DateTimeOffset.UtcNow;
        await _f.PublishAsync(new CaseWithdrawn(withdrawn, 2, now, now));
        var closed = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.Cases.Where(c => c.CaseId == withdrawn).Select(c => (bool?)c.Closed).FirstOrDefaultAsync()),
            c => c == true, Soon);
        Assert.True(closed == true, $"the withdrawn case should be closed within {Soon.TotalSeconds} s; "
            + (closed is null ? "the service does not know it" : "it is still open"));
        await _f.PublishAsync(new CaseUnresolved(busy, 5, now, now, AdvisedRoute.Litigation));
        Assert.True(await AssignedSoonAsync(waiting) == mediatorId, "the next waiting dispute was not assigned");
        Assert.Null(await AssigneeAsync(withdrawn)); // an ended case is never assigned
    }
}
