using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

[Collection(CasesCollection.Name)]
public sealed class RiskRegisterTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private HttpClient Supervisor(string region = CasesFactory.Town, string? subject = null) =>
        _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [region], subject: subject));

    private static async Task<Guid> CreateRegisterAsync(HttpClient client, string region = CasesFactory.Town, int year = 2021) =>
        (await Expect(client.PostAsJsonAsync("/api/risk-registers", new { title = "2021年矛盾纠纷风险清单", regionCode = region, year }), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    private static async Task<Guid> RegisterCaseAsync(HttpClient client, string region = CasesFactory.Village) =>
        (await Expect(client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(region)), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private Task<List<OutboxMessage>> EventsOf(Guid registerId) =>
        _f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == registerId).OrderBy(m => m.Sequence).ToListAsync());

    [Fact]
    public async Task Items_are_entered_and_closed_one_by_one_with_their_history_events_and_entries_on_the_linked_case()
    {
        using var client = Supervisor(subject: "sup-risk");
        var caseId = await RegisterCaseAsync(client);
        var registerId = await CreateRegisterAsync(client);
        var linked = await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items", new
        {
            description = "金刚村土地流转纠纷可能激化", level = "high", caseId, occurredAt = "2021-03-05T10:00:00+08:00",
        }), HttpStatusCode.Created);
        var itemId = linked.GetProperty("id").GetGuid();
        Assert.Equal("open", linked.GetProperty("status").GetString());
        var other = await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items", new { description = "汛期地质灾害隐患", level = "medium" }), HttpStatusCode.Created);

        var closed = await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items/{itemId}/close",
            new { note = "双方达成协议，隐患消除", occurredAt = "2021-04-01T16:00:00+08:00" }));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var again = await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items/{itemId}/close", new { note = "再次销号" }), HttpStatusCode.Conflict);
        Assert.True(again.TryGetProperty("closedAt", out _));

        var register = await client.GetFromJsonAsync<JsonElement>($"/api/risk-registers/{registerId}");
        Assert.Equal((1, 1), (register.GetProperty("openItems").GetInt32(), register.GetProperty("closedItems").GetInt32()));
        var item = register.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == itemId);
        Assert.Equal("sup-risk", item.GetProperty("openedBy").GetString());
        Assert.Equal(DateTimeOffset.Parse("2021-03-05T10:00:00+08:00"), item.GetProperty("openedAt").GetDateTimeOffset());
        Assert.Equal("sup-risk", item.GetProperty("closedBy").GetString());
        Assert.Equal(DateTimeOffset.Parse("2021-04-01T16:00:00+08:00"), item.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal("双方达成协议，隐患消除", item.GetProperty("closeNote").GetString());
        Assert.Equal(caseId, item.GetProperty("caseId").GetGuid());

        var events = await EventsOf(registerId);
        Assert.Equal(["RiskItemOpened", "RiskItemOpened", "RiskItemClosed"], events.Select(e => e.MessageType));
        var opened = (RiskItemOpened)EventSerializer.Deserialize(events[0].MessageType, events[0].Payload);
        Assert.Equal((itemId, 2021, RiskLevel.High, (Guid?)caseId, CasesFactory.Town, (string?)CasesFactory.Town, (string?)CasesFactory.District),
            (opened.ItemId, opened.RegisterYear, opened.Level, opened.CaseId, opened.RegionCode, opened.TownCode, opened.DistrictCode));
        Assert.DoesNotContain("土地流转", events[0].Payload); // no free text in events
        var closedEvent = (RiskItemClosed)EventSerializer.Deserialize(events[2].MessageType, events[2].Payload);
        Assert.Equal((itemId, DateTimeOffset.Parse("2021-04-01T16:00:00+08:00")), (closedEvent.ItemId, closedEvent.OccurredAt));
        Assert.Equal(other.GetProperty("id").GetGuid(), ((RiskItemOpened)EventSerializer.Deserialize(events[1].MessageType, events[1].Payload)).ItemId);

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/timeline");
        Assert.Equal(["registered", "risk_item_opened", "risk_item_closed"], timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Bad_input_is_named_field_by_field_and_writes_nothing()
    {
        using var client = Supervisor();
        var (registers, items, outbox) = await CountsAsync();
        var problem = await Expect(client.PostAsJsonAsync("/api/risk-registers", new { title = "", regionCode = "nowhere", year = 1800 }), HttpStatusCode.BadRequest);
        Assert.Equal(["year"], ErrorFields(problem)); // the declared range first (RequestLimits) …
        problem = await Expect(client.PostAsJsonAsync("/api/risk-registers", new { title = "", regionCode = "nowhere", year = 2020 }), HttpStatusCode.BadRequest);
        Assert.Equal(["regionCode", "title"], ErrorFields(problem)); // … then the endpoint's rules

        var registerId = await CreateRegisterAsync(client);
        var foreignCase = await RegisterCaseAsync(_f.ClientWithToken(TestTokens.Shared.Mint(Roles.Admin)), CasesFactory.OtherVillage);
        var itemProblem = await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items",
            new { description = " ", caseId = foreignCase, occurredAt = DateTimeOffset.UtcNow.AddDays(2) }), HttpStatusCode.BadRequest);
        Assert.Equal(["caseId", "description", "level", "occurredAt"], ErrorFields(itemProblem));
        var missingCase = await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items",
            new { description = "x", level = "low", caseId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        Assert.Equal(["caseId"], ErrorFields(missingCase));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items", new { description = "x", level = "extreme" })).StatusCode);

        var itemId = (await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items",
            new { description = "x", level = "low", occurredAt = "2021-05-01T10:00:00+08:00" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var early = await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items/{itemId}/close",
            new { note = "", occurredAt = "2021-04-01T10:00:00+08:00" }), HttpStatusCode.BadRequest);
        Assert.Equal(["note", "occurredAt"], ErrorFields(early));
        await Expect(client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items/{Guid.NewGuid()}/close", new { note = "x" }), HttpStatusCode.NotFound);

        var after = await CountsAsync();
        Assert.Equal((registers + 1, items + 1, outbox + 2), after); // the register, one item and its event; the second case's CaseRegistered
    }

    private Task<(int, int, int)> CountsAsync() => _f.WithDbAsync(async db => (
        await db.RiskRegisters.CountAsync(), await db.RiskItems.CountAsync(),
        await db.Set<OutboxMessage>().CountAsync(m => m.MessageType.StartsWith("RiskItem") || m.MessageType == "CaseRegistered")));

    [Fact]
    public async Task Only_supervisors_mediators_and_admins_keep_registers_and_only_in_their_regions()
    {
        using var owner = Supervisor();
        var registerId = await CreateRegisterAsync(owner);
        var itemId = (await Expect(owner.PostAsJsonAsync($"/api/risk-registers/{registerId}/items", new { description = "x", level = "low" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        using var foreign = Supervisor(CasesFactory.OtherTown);
        await Expect(foreign.GetAsync($"/api/risk-registers/{registerId}"), HttpStatusCode.NotFound);
        await Expect(foreign.PostAsJsonAsync($"/api/risk-registers/{registerId}/items", new { description = "x", level = "low" }), HttpStatusCode.NotFound);
        await Expect(foreign.PostAsJsonAsync($"/api/risk-registers/{registerId}/items/{itemId}/close", new { note = "x" }), HttpStatusCode.NotFound);
        await Expect(foreign.PostAsJsonAsync("/api/risk-registers", new { title = "x", regionCode = CasesFactory.Town, year = 2021 }), HttpStatusCode.Forbidden);
        var foreignList = await foreign.GetFromJsonAsync<JsonElement>("/api/risk-registers?pageSize=200");
        Assert.DoesNotContain(foreignList.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == registerId);

        // a village mediator: their village's registers, not the town's
        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Village], mediatorId: Guid.NewGuid()));
        await Expect(mediator.GetAsync($"/api/risk-registers/{registerId}"), HttpStatusCode.NotFound);
        var villageRegister = await CreateRegisterAsync(mediator, CasesFactory.Village);
        var townList = await owner.GetFromJsonAsync<JsonElement>($"/api/risk-registers?regionCode={CasesFactory.Town}&year=2021&pageSize=200");
        var ids = townList.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(registerId, ids);
        Assert.Contains(villageRegister, ids); // a town covers its villages' registers
        Assert.Empty((await owner.GetFromJsonAsync<JsonElement>($"/api/risk-registers?regionCode={CasesFactory.Town}&year=1999")).GetProperty("items").EnumerateArray());

        foreach (var role in new[] { Roles.Statistician, Roles.PoliceLiaison, Roles.CourtLiaison, Roles.PetitionOfficer })
        {
            using var other = _f.ClientWithToken(TestTokens.Shared.Mint(role, [CasesFactory.Town]));
            await Expect(other.GetAsync("/api/risk-registers"), HttpStatusCode.Forbidden);
            await Expect(other.GetAsync($"/api/risk-registers/{registerId}"), HttpStatusCode.Forbidden);
            await Expect(other.PostAsJsonAsync("/api/risk-registers", new { title = "x", regionCode = CasesFactory.Town, year = 2021 }), HttpStatusCode.Forbidden);
            await Expect(other.PostAsJsonAsync($"/api/risk-registers/{registerId}/items/{itemId}/close", new { note = "x" }), HttpStatusCode.Forbidden);
        }
        var stillOpen = await owner.GetFromJsonAsync<JsonElement>($"/api/risk-registers/{registerId}");
        Assert.Equal(1, stillOpen.GetProperty("openItems").GetInt32());
    }

    [Fact]
    public async Task A_retried_item_with_its_key_is_entered_once_and_of_two_parallel_closes_exactly_one_wins()
    {
        using var client = Supervisor();
        var registerId = await CreateRegisterAsync(client);
        var body = new { description = "重复提交", level = "critical" };
        var first = await Expect(client.PostWithKeyAsync($"/api/risk-registers/{registerId}/items", body, "risk-item-1"), HttpStatusCode.Created);
        var second = await Expect(client.PostWithKeyAsync($"/api/risk-registers/{registerId}/items", body, "risk-item-1"), HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        var itemId = first.GetProperty("id").GetGuid();
        Assert.Equal(1, await _f.WithDbAsync(db => db.RiskItems.CountAsync(i => i.RegisterId == registerId)));

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            client.PostAsJsonAsync($"/api/risk-registers/{registerId}/items/{itemId}/close", new { note = $"销号 {i}" })));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.StatusCode).Order().ToArray());
        Assert.Equal(["RiskItemOpened", "RiskItemClosed"], (await EventsOf(registerId)).Select(e => e.MessageType));
    }
}
