using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Tests;

[Collection(CasesCollection.Name)]
public sealed class AssignmentConsumerTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    [Fact]
    public async Task MediatorAssigned_moves_the_case_to_assigned_once_even_when_delivered_three_times()
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var created = await (await client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute())).Content.ReadFromJsonAsync<JsonElement>();
        var caseId = created.GetProperty("id").GetGuid();
        var mediatorId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var receivedAt = created.GetProperty("receivedAt").GetDateTimeOffset();
        var assigned = new MediatorAssigned(caseId, Guid.NewGuid(), mediatorId, null, true, "village_committee", receivedAt, DateTimeOffset.UtcNow);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _f.PublishAsync(assigned, messageId)));

        var status = await Eventually.ValueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("status").GetString(),
            s => s == "assigned", TimeSpan.FromSeconds(10));
        Assert.True(status == "assigned", $"the case should be assigned within 10 s; its status is {status}");
        await Task.Delay(500);
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal(mediatorId, body.GetProperty("assignedMediatorId").GetGuid());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/timeline");
        Assert.Equal(["registered", "assigned"], timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var updates = await _f.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.AggregateId == caseId && m.MessageType == nameof(CaseUpdated)));
        Assert.Equal(1, updates);
    }
}
