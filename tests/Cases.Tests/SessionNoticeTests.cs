using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Tests;

/// <summary>A session booked, moved and called off in the mediator service is noted on the case's timeline, once each.</summary>
[Collection(CasesCollection.Name)]
public sealed class SessionNoticeTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    [Fact]
    public async Task Booked_moved_and_cancelled_sessions_are_noted_on_the_timeline_once_without_changing_the_case()
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var created = await (await client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute())).Content.ReadFromJsonAsync<JsonElement>();
        var caseId = created.GetProperty("id").GetGuid();
        var (village, town, district) = (created.GetProperty("regionCode").GetString(), CasesFactory.Town, (string?)null);
        var sessionId = Guid.NewGuid();
        var mediatorId = Guid.NewGuid();
        var starts = DateTimeOffset.Parse("2026-12-10T09:00:00+08:00");
        var now = DateTimeOffset.UtcNow;

        var scheduled = new SessionScheduled(sessionId, caseId, [mediatorId], null, starts, starts.AddHours(2), village, town, district, "u-mediator", now.AddMinutes(-3), now);
        var moved = new SessionRescheduled(sessionId, caseId, starts.AddDays(1), starts.AddDays(1).AddHours(2), starts, starts.AddHours(2), "镇调解室",
            village, town, district, "u-mediator", now.AddMinutes(-2), now);
        var cancelled = new SessionCancelled(sessionId, caseId, starts.AddDays(1), village, town, district, "u-supervisor", now.AddMinutes(-1), now);
        var (m1, m2, m3) = (NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid());
        // each delivered twice: the inbox makes the second harmless
        foreach (var _ in new[] { 1, 2 })
        {
            await _f.PublishAsync(scheduled, m1);
            await _f.PublishAsync(moved, m2);
            await _f.PublishAsync(cancelled, m3);
        }

        string[] expected = ["registered", "session_scheduled", "session_rescheduled", "session_cancelled"];
        var timeline = await Eventually.ValueAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/timeline"),
            t => t.GetArrayLength() >= expected.Length, TimeSpan.FromSeconds(10));
        await Task.Delay(500); // a second delivery would land by now
        timeline = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/timeline");
        var entries = timeline.EnumerateArray().ToList();
        Assert.Equal(expected.Order(), entries.Select(e => e.GetProperty("action").GetString()!).Order()); // once each
        var move = entries.Single(e => e.GetProperty("action").GetString() == "session_rescheduled");
        Assert.Equal("u-mediator", move.GetProperty("actor").GetString());
        var details = JsonDocument.Parse(move.GetProperty("details").GetString()!).RootElement;
        Assert.Equal((starts, starts.AddDays(1)), (details.GetProperty("from").GetProperty("startsAt").GetDateTimeOffset(),
            details.GetProperty("to").GetProperty("startsAt").GetDateTimeOffset()));
        var cancel = entries.Single(e => e.GetProperty("action").GetString() == "session_cancelled");
        Assert.Equal(sessionId, JsonDocument.Parse(cancel.GetProperty("details").GetString()!).RootElement.GetProperty("sessionId").GetGuid());

        // notices, not changes: the version (and the ETag a client holds) stays, and no CaseUpdated went out
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("version").GetInt32());
        Assert.Equal(0, await _f.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.AggregateId == caseId && m.MessageType == nameof(CaseUpdated))));
    }
}
