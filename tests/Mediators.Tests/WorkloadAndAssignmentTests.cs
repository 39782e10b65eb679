using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

[Collection(MediatorsCollection.Name)]
public sealed class WorkloadAndAssignmentTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;

    private static object[] Endings(Guid caseId)
    {
        var now = DateTimeOffset.UtcNow;
        return
        [
            new CaseResolved(caseId, 5, now, now, AgreementType.Written, 1000m, false, now.AddDays(30)),
            new CaseUnresolved(caseId, 5, now, now, AdvisedRoute.Litigation),
            new CaseWithdrawn(caseId, 5, now, now),
            new CaseTransferred(caseId, 5, now, now, Agency.Court),
        ];
    }

    private async Task ClosedSoonAsync(Guid caseId)
    {
        var closed = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.Cases.Where(c => c.CaseId == caseId).Select(c => (bool?)c.Closed).FirstOrDefaultAsync()), c => c == true,
            TimeSpan.FromSeconds(10));
        Assert.True(closed == true, $"case {caseId} should be closed in the mediator service within 10 s; "
            + (closed is null ? "the service does not know it" : "it is still open"));
    }

    private async Task HoldsOneSoonAsync(Guid mediatorId)
    {
        var active = await Eventually.ValueAsync(() => Place.ActiveCasesAsync(_f, mediatorId), n => n == 1, TimeSpan.FromSeconds(10));
        Assert.True(active == 1, $"the new case should be assigned to mediator {mediatorId} within 10 s; they hold {active} active cases");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_case_that_ended_frees_its_mediator_once_even_when_it_ends_twice(int ending)
    {
        var place = await Place.CreateAsync(_f);
        var mediatorId = await place.MediatorAsync(_f, fixture.CommitteeId, max: 1);
        var caseId = await place.CaseAsync(_f);
        await HoldsOneSoonAsync(mediatorId);
        using var admin = _f.Admin();
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>($"/api/mediators?regionCode={place.Village}&available=true")).Items().EnumerateArray(),
            m => m.GetProperty("id").GetGuid() == mediatorId);

        var evt = Endings(caseId)[ending];
        await _f.PublishAsync(evt);
        await _f.PublishAsync(evt); // the same ending again, as a new message
        await _f.PublishAsync(Endings(caseId)[(ending + 1) % 4]); // and another kind of ending
        await _f.PublishAsync(Endings(Guid.NewGuid())[ending]); // a case this service never heard of
        await ClosedSoonAsync(caseId);
        await Task.Delay(700);
        Assert.Equal(0, await Place.ActiveCasesAsync(_f, mediatorId)); // dropped by one, not below
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"/api/mediators?regionCode={place.Village}&available=true")).Items().EnumerateArray(),
            m => m.GetProperty("id").GetGuid() == mediatorId);

        // the ladder sees the freed capacity: the next dispute goes to the same (only) mediator again
        var next = await place.CaseAsync(_f);
        var assignees = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.Assignments.Where(a => a.CaseId == next).Select(a => a.MediatorId).ToListAsync()),
            m => m.Contains(mediatorId), TimeSpan.FromSeconds(10));
        Assert.True(assignees.Contains(mediatorId), $"the next dispute should go to the freed mediator {mediatorId} within 10 s; "
            + $"it is assigned to [{string.Join(", ", assignees)}]");
        Assert.Equal(1, await Place.ActiveCasesAsync(_f, mediatorId));
    }

    [Fact]
    public async Task A_case_that_ended_before_its_registration_arrived_is_not_assigned()
    {
        var place = await Place.CreateAsync(_f);
        var mediatorId = await place.MediatorAsync(_f, fixture.CommitteeId, max: 3);
        var caseId = Guid.NewGuid();
        await _f.PublishAsync(new CaseWithdrawn(caseId, 2, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await ClosedSoonAsync(caseId);
        Assert.Equal(0, await Place.ActiveCasesAsync(_f, mediatorId));

        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await _f.PublishAsync(new CaseRegistered(caseId, 1, at, at, "LATE-1", CaseKind.Dispute, DisputeCategory.Neighbourhood, null,
            place.Village, place.Town, place.District, CaseSource.Application, CaseChannel.WalkIn, RiskLevel.Low, at, 1, null, "u", null));
        var number = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.Cases.Where(c => c.CaseId == caseId).Select(c => c.Number).FirstOrDefaultAsync()), n => n == "LATE-1",
            TimeSpan.FromSeconds(10));
        Assert.True(number == "LATE-1", $"the late registration should fill in the closed case within 10 s; its number is '{number}'");
        await Task.Delay(300);
        Assert.False(await _f.WithDbAsync(db => db.Assignments.AnyAsync(a => a.CaseId == caseId)));
        Assert.Equal(0, await Place.ActiveCasesAsync(_f, mediatorId));
        using var admin = _f.Admin();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/assignments", new { caseId })).StatusCode);
    }

    [Fact]
    public async Task A_supervisor_reassigns_moving_the_workload_and_publishing_the_previous_mediator()
    {
        var place = await Place.CreateAsync(_f);
        var first = await place.MediatorAsync(_f, fixture.CommitteeId, max: 3);
        var caseId = await place.CaseAsync(_f);
        await HoldsOneSoonAsync(first);
        var second = await place.MediatorAsync(_f, fixture.CommitteeId, kind: "full_time", region: place.Town, max: 3);

        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [place.Town]));
        var occurredAt = DateTimeOffset.UtcNow.AddHours(-2);
        var created = await MediatorsFactory.CreatedAsync(await supervisor.PostAsJsonAsync("/api/assignments",
            new { caseId, mediatorId = second, reason = "当事人申请回避", occurredAt }));
        Assert.Equal(second, created.GetProperty("mediatorId").GetGuid());
        Assert.Equal(first, created.GetProperty("previousMediatorId").GetGuid());
        Assert.False(created.GetProperty("automatic").GetBoolean());
        Assert.Equal(occurredAt.ToUnixTimeMilliseconds(), created.GetProperty("assignedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(0, await Place.ActiveCasesAsync(_f, first));
        Assert.Equal(1, await Place.ActiveCasesAsync(_f, second));

        var evt = await _f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AggregateId == caseId && m.MessageType == nameof(MediatorAssigned)).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, evt.Count);
        var payload = JsonDocument.Parse(evt[^1].Payload).RootElement;
        Assert.Equal(first, payload.GetProperty("previousMediatorId").GetGuid());
        Assert.Equal(second, payload.GetProperty("mediatorId").GetGuid());

        // without mediatorId the ladder picks someone other than the current mediator: back to the village mediator
        var auto = await MediatorsFactory.CreatedAsync(await supervisor.PostAsJsonAsync("/api/assignments", new { caseId }));
        Assert.Equal(first, auto.GetProperty("mediatorId").GetGuid());
        Assert.True(auto.GetProperty("automatic").GetBoolean());
        Assert.Equal((1, 0), (await Place.ActiveCasesAsync(_f, first), await Place.ActiveCasesAsync(_f, second)));

        var history = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/assignments?caseId={caseId}")).Items();
        Assert.Equal(3, history.GetArrayLength());
        Assert.Equal(auto.GetProperty("id").GetGuid(), history[0].GetProperty("id").GetGuid()); // newest first
    }

    [Fact]
    public async Task Bad_assignments_are_refused_and_change_nothing()
    {
        var place = await Place.CreateAsync(_f);
        var other = await Place.CreateAsync(_f);
        var current = await place.MediatorAsync(_f, fixture.CommitteeId, max: 3);
        var full = await place.MediatorAsync(_f, fixture.CommitteeId, kind: "full_time", region: place.Town, max: 1);
        var elsewhere = await other.MediatorAsync(_f, fixture.CommitteeId);
        var caseId = await place.CaseAsync(_f);
        await HoldsOneSoonAsync(current);
        var fullsCase = await place.CaseAsync(_f); // the village mediator is not full: give 'full' its one case by hand
        using var admin = _f.Admin();
        await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/assignments", new { caseId = fullsCase, mediatorId = full }));

        async Task<JsonElement> Bad(HttpClient client, object body, HttpStatusCode expected)
        {
            var r = await client.PostAsJsonAsync("/api/assignments", body);
            Assert.Equal(expected, r.StatusCode);
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }
        var errors = (await Bad(admin, new { caseId, mediatorId = elsewhere, occurredAt = DateTimeOffset.UtcNow.AddDays(1) }, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("mediatorId", out _));
        Assert.True(errors.TryGetProperty("occurredAt", out _));
        Assert.True((await Bad(admin, new { caseId, mediatorId = full }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("mediatorId", out _));
        Assert.True((await Bad(admin, new { caseId, mediatorId = current }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("mediatorId", out _));
        Assert.True((await Bad(admin, new { caseId, mediatorId = Guid.NewGuid() }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("mediatorId", out _));
        Assert.True((await Bad(admin, new { caseId, occurredAt = DateTimeOffset.UtcNow.AddDays(-30) }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("occurredAt", out _));
        Assert.True((await Bad(admin, new { mediatorId = current }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("caseId", out _));
        await Bad(admin, new { caseId = Guid.NewGuid() }, HttpStatusCode.NotFound);
        using (var foreign = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [other.Town])))
            await Bad(foreign, new { caseId, mediatorId = full, allowOverCapacity = true }, HttpStatusCode.NotFound);
        using (var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [place.Town])))
            await Bad(mediator, new { caseId, mediatorId = full, allowOverCapacity = true }, HttpStatusCode.Forbidden);
        Assert.Equal((1, 1, 0), (await Place.ActiveCasesAsync(_f, current), await Place.ActiveCasesAsync(_f, full), await Place.ActiveCasesAsync(_f, elsewhere)));
        Assert.Equal(1, await _f.WithDbAsync(db => db.Assignments.CountAsync(a => a.CaseId == caseId)));

        // a supervisor may knowingly exceed capacity
        var over = await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/assignments", new { caseId, mediatorId = full, allowOverCapacity = true }));
        Assert.Equal(full, over.GetProperty("mediatorId").GetGuid());
        Assert.Equal((0, 2), (await Place.ActiveCasesAsync(_f, current), await Place.ActiveCasesAsync(_f, full)));

        // a case that has ended: 409
        await _f.PublishAsync(new CaseWithdrawn(caseId, 9, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await ClosedSoonAsync(caseId);
        await Bad(admin, new { caseId, mediatorId = current }, HttpStatusCode.Conflict);
        Assert.Equal(1, await Place.ActiveCasesAsync(_f, full));
    }

    [Fact]
    public async Task Concurrent_reassignments_of_one_case_keep_the_workload_exact()
    {
        var place = await Place.CreateAsync(_f);
        var a = await place.MediatorAsync(_f, fixture.CommitteeId, max: 50);
        var caseId = await place.CaseAsync(_f);
        await HoldsOneSoonAsync(a);
        var others = new List<Guid>();
        for (var i = 0; i < 4; i++) others.Add(await place.MediatorAsync(_f, fixture.CommitteeId, max: 50));
        using var admin = _f.Admin();
        var responses = await Task.WhenAll(others.Select(m => admin.PostAsJsonAsync("/api/assignments", new { caseId, mediatorId = m })));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var total = 0;
        foreach (var m in others.Append(a)) total += await Place.ActiveCasesAsync(_f, m);
        Assert.Equal(1, total); // exactly one mediator holds the case
        var holder = await _f.WithDbAsync(db => db.Cases.Where(c => c.CaseId == caseId).Select(c => c.AssignedMediatorId).SingleAsync());
        Assert.Equal(1, await Place.ActiveCasesAsync(_f, holder!.Value));
    }
}
