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
public sealed class UpdateCaseTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private HttpClient Supervisor() => _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));

    private async Task<(Guid Id, string ETag)> RegisterAsync(HttpClient client, string? receivedAt = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(receivedAt: receivedAt));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (id, "\"1\"");
    }

    private Task<List<OutboxMessage>> EventsOf(Guid id) =>
        _f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == id).OrderBy(m => m.Sequence).ToListAsync());

    [Fact]
    public async Task A_patch_changes_the_fields_replaces_the_parties_and_leaves_an_entry_and_a_CaseUpdated_without_personal_data()
    {
        using var client = Supervisor();
        var (id, etag) = await RegisterAsync(client);
        var body = await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new
        {
            title = "邻里排水沟及围墙纠纷", category = "housing_homestead", riskLevel = "high",
            parties = new object[]
            {
                new { role = "applicant", kind = "person", name = "王某", idNumber = "500112199002025678", phone = "13900001111" },
            },
        }, ifMatch: etag));
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("邻里排水沟及围墙纠纷", body.GetProperty("title").GetString());
        Assert.Equal("两户因排水沟堵塞发生争执", body.GetProperty("description").GetString()); // absent: unchanged
        Assert.Equal("housing_homestead", body.GetProperty("category").GetString());
        Assert.Equal("high", body.GetProperty("riskLevel").GetString());
        var party = Assert.Single(body.GetProperty("parties").EnumerateArray());
        Assert.Equal("500112********5678", party.GetProperty("idNumber").GetString());
        Assert.Equal("139****1111", party.GetProperty("phone").GetString());

        // the new ID number is findable through the keyed hash, the old one no longer
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/cases?idNumber=500112199002025678&purpose=核实修改后的身份证号")).GetProperty("total").GetInt32());
        var old = await client.GetFromJsonAsync<JsonElement>("/api/cases?idNumber=500112198001011234&purpose=核实修改后的身份证号");
        Assert.DoesNotContain(old.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var stored = await _f.WithDbAsync(db => db.Parties.AsNoTracking().Where(p => p.CaseId == id).ToListAsync());
        var s = Assert.Single(stored);
        Assert.DoesNotContain("500112199002025678", s.IdNumberEncrypted);
        Assert.DoesNotContain("13900001111", s.PhoneEncrypted);

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline");
        var entry = timeline.EnumerateArray().Last();
        Assert.Equal("edited", entry.GetProperty("action").GetString());
        var details = entry.GetProperty("details").GetString()!;
        var changed = JsonDocument.Parse(details).RootElement.GetProperty("changed").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["title", "category", "riskLevel", "parties"], changed);
        foreach (var pii in new[] { "500112199002025678", "13900001111", "王某", "500112198001011234", "张某" })
            Assert.DoesNotContain(pii, details);

        var last = (await EventsOf(id)).Last();
        Assert.Equal("CaseUpdated", last.MessageType);
        var evt = (CaseUpdated)EventSerializer.Deserialize(last.MessageType, last.Payload)!;
        Assert.Equal(("edited", 2, DisputeCategory.HousingHomestead, RiskLevel.High), (evt.Change, evt.Version, evt.Category, evt.RiskLevel));
        foreach (var pii in new[] { "500112199002025678", "13900001111", "王某" })
            Assert.DoesNotContain(pii, last.Payload);
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_and_bad_fields_are_named_and_nothing_changes()
    {
        using var client = Supervisor();
        var (id, etag) = await RegisterAsync(client);
        await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new { riskLevel = "medium" }, ifMatch: etag));
        await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new { riskLevel = "critical" }, ifMatch: etag), HttpStatusCode.PreconditionFailed);

        // the declared limits are refused first (RequestLimits) …
        var problem = await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new
        {
            title = " ", description = new string('x', 4001),
            parties = new object[] { new { kind = "person", name = "王某", idNumber = "12" } },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["description", "parties[0].idNumber"], ErrorFields(problem));
        // … then the endpoint's own rules name every other field
        problem = await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new
        {
            title = " ", parties = new object[] { new { kind = "person", name = "王某" } },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["parties[0].role", "title"], ErrorFields(problem));
        Assert.Equal(["body"], ErrorFields(await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new { }), HttpStatusCode.BadRequest)));
        var badEnum = await client.PatchAsJsonAsync($"/api/cases/{id}", new { category = "not_a_category" });
        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);

        var after = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal(2, after.GetProperty("version").GetInt32());
        Assert.Equal("medium", after.GetProperty("riskLevel").GetString());
        Assert.Equal(2, after.GetProperty("parties").GetArrayLength());
        Assert.Equal(2, (await EventsOf(id)).Count);
    }

    [Fact]
    public async Task A_retried_patch_with_its_key_applies_once_another_body_answers_422_and_a_patch_without_change_keeps_the_version()
    {
        using var client = Supervisor();
        var (id, _) = await RegisterAsync(client);
        var first = await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new { title = "新标题" }, idempotencyKey: "patch-1"));
        var again = await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new { title = "新标题" }, idempotencyKey: "patch-1"));
        Assert.Equal(first.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());
        await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new { title = "别的标题" }, idempotencyKey: "patch-1"), (HttpStatusCode)422);
        var same = await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new { title = "新标题", riskLevel = "low" }));
        Assert.Equal(2, same.GetProperty("version").GetInt32());
        Assert.Equal(2, (await EventsOf(id)).Count);
    }

    [Fact]
    public async Task A_correction_of_a_back_filled_case_does_not_block_its_later_back_dated_steps()
    {
        using var client = Supervisor();
        var (id, _) = await RegisterAsync(client, "2021-03-01T09:00:00+08:00");
        await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new { category = "contract" }));
        await Expect(client.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { occurredAt = "2021-03-02T10:00:00+08:00" }));
    }

    [Fact]
    public async Task Others_cannot_patch_foreign_cases_404_and_readers_without_change_rights_403()
    {
        using var owner = Supervisor();
        var (id, _) = await RegisterAsync(owner);
        using var foreign = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.OtherTown]));
        await Expect(foreign.PatchAsJsonAsync($"/api/cases/{id}", new { riskLevel = "high" }), HttpStatusCode.NotFound);
        using var statistician = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician, [CasesFactory.Town]));
        await Expect(statistician.PatchAsJsonAsync($"/api/cases/{id}", new { riskLevel = "high" }), HttpStatusCode.NotFound);
        Assert.Equal(1, (await owner.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("version").GetInt32());
    }
}
