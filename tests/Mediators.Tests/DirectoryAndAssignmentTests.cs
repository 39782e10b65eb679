using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

[Collection(MediatorsCollection.Name)]
public sealed class DirectoryAndAssignmentTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;

    [Fact]
    public async Task A_region_is_validated_against_the_tree_and_published()
    {
        using var admin = _f.Admin();
        var bad = await admin.PostAsJsonAsync("/api/regions", new { code = "Bad Code!", name = "", kind = "village", parentCode = "yubei" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("code", out _)); // the declared pattern, refused first (RequestLimits) …
        bad = await admin.PostAsJsonAsync("/api/regions", new { code = "muer-bad", name = "", kind = "village", parentCode = "yubei" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors"); // … then the endpoint's rules
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("parentCode", out _)); // a village's parent must be a town

        var code = "muer-t" + Random.Shared.Next(10000, 99999);
        var created = await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/regions", new { code, name = "样例村", kind = "village", parentCode = "muer" }));
        Assert.Equal("muer", created.GetProperty("townCode").GetString());
        Assert.Equal("yubei", created.GetProperty("districtCode").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/regions", new { code, name = "again", kind = "village", parentCode = "muer" })).StatusCode);
        var published = await _f.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType == nameof(RegionRegistered)).Select(m => m.Payload).ToListAsync());
        Assert.Single(published, p => p.Contains($"\"{code}\""));

        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, ["muer"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.PostAsJsonAsync("/api/regions", new { code = "x1", name = "x", kind = "district" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync("/api/regions?parentCode=muer")).StatusCode);
    }

    [Fact]
    public async Task A_new_dispute_is_assigned_by_the_ladder_once_even_when_CaseRegistered_arrives_three_times()
    {
        using var admin = _f.Admin();
        var village = await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/mediators", new
        {
            name = "村调解员", phone = "13900000001", kind = "village", organizationId = fixture.CommitteeId,
            regionCodes = new[] { "muer-v03" }, specialties = new[] { "neighbourhood" }, maxActiveCases = 5,
        }));
        var villageId = village.GetProperty("id").GetGuid();

        var caseId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var receivedAt = DateTimeOffset.Parse("2021-06-01T10:00:00+08:00");
        var registered = new CaseRegistered(caseId, 1, receivedAt, DateTimeOffset.UtcNow, "MUER-2021-D-00001", CaseKind.Dispute,
            DisputeCategory.Neighbourhood, null, "muer-v03", "muer", "yubei", CaseSource.Application, CaseChannel.WalkIn,
            RiskLevel.Low, receivedAt, 2, null, "user-1", null);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _f.PublishAsync(registered, messageId)));

        var made = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Assignments.CountAsync(a => a.CaseId == caseId)), n => n > 0,
            TimeSpan.FromSeconds(10));
        Assert.True(made > 0, $"the registered dispute should be assigned within 10 s; it has {made} assignments");
        await Task.Delay(500);
        var (assignments, outbox, mediator) = await _f.WithDbAsync(async db => (
            await db.Assignments.AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync(),
            await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == caseId).ToListAsync(),
            await db.Mediators.AsNoTracking().SingleAsync(m => m.Id == villageId)));
        var assignment = Assert.Single(assignments);
        Assert.Equal(villageId, assignment.MediatorId);
        Assert.True(assignment.Automatic);
        Assert.Equal(receivedAt, assignment.AssignedAt); // takes effect as of receivedAt
        Assert.Equal(1, mediator.ActiveCases);
        var evt = Assert.Single(outbox);
        Assert.Equal(nameof(MediatorAssigned), evt.MessageType);

        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/mediators/{villageId}");
        Assert.Equal(1, read.GetProperty("activeCases").GetInt32());
        var list = (await admin.GetFromJsonAsync<JsonElement>($"/api/assignments?caseId={caseId}")).Items();
        Assert.Equal(1, list.GetArrayLength());
    }

    [Fact]
    public async Task A_dispute_nobody_can_take_shows_in_the_supervisors_unassigned_list_and_petitions_are_not_assigned()
    {
        var caseId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await _f.PublishAsync(new CaseRegistered(caseId, 1, now, now, "MUER-2026-D-09999", CaseKind.Dispute, DisputeCategory.Medical,
            null, "muer-v04", "muer", "yubei", CaseSource.Application, CaseChannel.Phone, RiskLevel.Low, now, 1, null, "u", null));
        var petitionId = Guid.NewGuid();
        await _f.PublishAsync(new CaseRegistered(petitionId, 1, now, now, "MUER-2026-P-09999", CaseKind.Petition, DisputeCategory.Other,
            PetitionType.Claim, "muer-v01", "muer", "yubei", CaseSource.Application, CaseChannel.Letter, RiskLevel.Low, now, 1, null, "u", null));
        var known = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Cases.CountAsync(c => c.CaseId == caseId || c.CaseId == petitionId)),
            n => n == 2, TimeSpan.FromSeconds(10));
        Assert.True(known == 2, $"the dispute and the petition should both reach the mediator service within 10 s; it knows {known} of them");

        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, ["muer"]));
        var unassigned = (await supervisor.GetFromJsonAsync<JsonElement>("/api/assignments/unassigned")).Items();
        Assert.Contains(unassigned.EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
        Assert.DoesNotContain(unassigned.EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == petitionId);
        Assert.False(await _f.WithDbAsync(db => db.Assignments.AnyAsync(a => a.CaseId == petitionId)));

        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, ["muer"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/api/assignments/unassigned")).StatusCode);
    }

    [Fact]
    public async Task Every_endpoint_rejects_missing_expired_and_foreign_tokens()
    {
        using var client = _f.CreateClient();
        await AuthAssertions.RejectsBadTokensAsync(client, "/api/regions");
        await AuthAssertions.RejectsBadTokensAsync(client, "/api/mediators");
    }
}
