using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// POST/GET /api/intake against the real case service and database: an agency's system hands a dispute in, resends it,
/// sends it twice at once, tries a place it does not serve and bad bodies; another organisation cannot see it.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class IntakeTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;
    private static readonly Guid Station = Guid.NewGuid();      // 木耳派出所: serves the town
    private static readonly Guid OtherStation = Guid.NewGuid(); // 古路派出所: serves the other town
    private static readonly Guid Committee = Guid.NewGuid();    // a mediation committee: hands nothing in

    private async Task DirectoryAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await _f.PublishAsync(new OrganizationRegistered(Station, "木耳派出所", OrganizationKind.PoliceStation, CasesFactory.Town, [CasesFactory.Town], now));
        await _f.PublishAsync(new OrganizationRegistered(OtherStation, "古路派出所", OrganizationKind.PoliceStation, CasesFactory.OtherTown, [CasesFactory.OtherTown], now));
        await _f.PublishAsync(new OrganizationRegistered(Committee, "木耳镇人民调解委员会", OrganizationKind.MediationCommittee, CasesFactory.Town, [CasesFactory.Town], now));
        var known = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Organizations.CountAsync(o => o.Id == Station || o.Id == OtherStation || o.Id == Committee)),
            n => n == 3, TimeSpan.FromSeconds(20));
        Assert.True(known == 3, $"the case service learned {known} of 3 organisations from OrganizationRegistered");
    }

    private HttpClient Police(Guid org, string role = Roles.PoliceLiaison) =>
        _f.ClientWithToken(TestTokens.Shared.Mint(role, [CasesFactory.Town], organizationId: org, subject: "police-system"));

    private static JsonObject Body(string externalRef, string region = CasesFactory.Village) => new()
    {
        ["externalRef"] = externalRef,
        ["regionCode"] = region,
        ["category"] = "neighbourhood",
        ["title"] = "邻里因宅基地界址争吵",
        ["description"] = "110接警：双方争吵，未动手",
        ["receivedAt"] = "2021-09-16T10:00:00+08:00",
        ["note"] = "请调解后反馈",
        ["parties"] = new JsonArray(
            new JsonObject { ["role"] = "applicant", ["kind"] = "person", ["name"] = "张某", ["idNumber"] = "500112198001011234", ["phone"] = "13812345678" },
            new JsonObject { ["role"] = "respondent", ["kind"] = "person", ["name"] = "李某" }),
    };

    private static Task<HttpResponseMessage> Send(HttpClient client, JsonNode body) =>
        client.PostAsync("/api/intake", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    private Task<int> CasesWith(string externalRef) => _f.WithDbAsync(db => db.Cases.CountAsync(c => c.ExternalRef == externalRef));

    [Fact]
    public async Task A_station_the_directory_has_wound_up_hands_nothing_new_in_but_a_resend_still_gets_its_record()
    {
        var station = Guid.NewGuid(); // its own: the class's stations stay active for the other tests
        var at = DateTimeOffset.UtcNow;
        async Task DirectorySays(bool active, DateTimeOffset recordedAt)
        {
            await _f.PublishAsync(new OrganizationRegistered(station, "撤并派出所", OrganizationKind.PoliceStation, CasesFactory.Town, [CasesFactory.Town],
                recordedAt, active));
            var learned = await Eventually.TrueAsync(() => _f.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Id == station && o.Active == active)),
                TimeSpan.FromSeconds(20));
            Assert.True(learned, $"the case service should learn within 20 s that the station is {(active ? "active" : "wound up")}");
        }
        await DirectorySays(true, at);
        using var police = Police(station);
        var handedIn = "J-WOUND-" + Guid.NewGuid().ToString("N")[..10];
        var first = await Send(police, Body(handedIn));
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await DirectorySays(false, at.AddSeconds(1));
        var resent = await Send(police, Body(handedIn));
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode); // its system retries: the record already made, not a refusal
        Assert.Equal(id, (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var fresh = "J-WOUND-" + Guid.NewGuid().ToString("N")[..10];
        var refused = await Send(police, Body(fresh));
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden && problem.Contains("no longer active", StringComparison.Ordinal), problem);
        Assert.Equal(0, await CasesWith(fresh));
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/api/intake/{id}")).StatusCode); // what it handed in stays readable

        // restored, it hands in again
        await DirectorySays(true, at.AddSeconds(2));
        var again = await Send(police, Body(fresh));
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_police_system_hands_a_dispute_in_and_resending_it_makes_no_second_case()
    {
        await DirectoryAsync();
        using var police = Police(Station);
        var externalRef = "J500112" + Guid.NewGuid().ToString("N")[..10];
        var first = await Send(police, Body("  " + externalRef + " ")); // compared after trimming
        var text = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.Created, text);
        var record = JsonDocument.Parse(text).RootElement;
        var id = record.GetProperty("id").GetGuid();
        Assert.Equal($"/api/intake/{id}", first.Headers.Location!.OriginalString);
        Assert.Equal(("police", externalRef, "received"), (record.GetProperty("agency").GetString(), record.GetProperty("externalRef").GetString(), record.GetProperty("status").GetString()));
        Assert.Equal(Station, record.GetProperty("organizationId").GetGuid());
        Assert.Equal(DateTimeOffset.Parse("2021-10-18T23:59:59+08:00"), record.GetProperty("dueAt").GetDateTimeOffset()); // the month: Sat 16 Oct → Mon 18 Oct
        Assert.DoesNotContain("500112198001011234", text);
        Assert.DoesNotContain("13812345678", text);
        Assert.Equal("registered", record.GetProperty("case").GetProperty("status").GetString());
        var caseId = record.GetProperty("case").GetProperty("id").GetGuid();

        var again = Body(externalRef);
        again["title"] = "另一个标题"; // agencies resend their records, sometimes edited: the first one stands
        var second = await Send(police, again);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(id, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(1, await CasesWith(externalRef));

        // an ordinary dispute: the source follows the agency, a timeline entry names the intake, CaseRegistered is in the outbox
        var (source, entry, registered) = await _f.WithDbAsync(async db => (
            (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).Source,
            await db.Timeline.AsNoTracking().SingleAsync(t => t.CaseId == caseId),
            await db.Set<OutboxMessage>().AsNoTracking().CountAsync(m => m.AggregateId == caseId && m.MessageType == nameof(CaseRegistered))));
        Assert.Equal(CaseSource.PoliceTransfer, source);
        Assert.Contains(externalRef, entry.Details);
        Assert.Contains("请调解后反馈", entry.Details);
        Assert.Equal(1, registered);

        var read = await police.GetFromJsonAsync<JsonElement>($"/api/intake/{id}");
        Assert.Equal(caseId, read.GetProperty("case").GetProperty("id").GetGuid());
        var list = await police.GetFromJsonAsync<JsonElement>("/api/intake?status=received&pageSize=200");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await police.GetAsync("/api/intake?status=Received")).StatusCode); // exact values only

        // another police station: the record does not exist for it
        using var other = Police(OtherStation);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/intake/{id}")).StatusCode);
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/intake?pageSize=200");
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        // … and the same number from another station is another dispute
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(other, Body(externalRef))).StatusCode); // it does not serve 木耳镇
        var theirsToo = await Send(other, Body(externalRef, CasesFactory.OtherVillage));
        Assert.Equal(HttpStatusCode.Created, theirsToo.StatusCode);
        Assert.Equal(2, await CasesWith(externalRef));
    }

    [Fact]
    public async Task The_same_number_sent_eight_times_at_once_makes_one_case()
    {
        await DirectoryAsync();
        using var police = Police(Station);
        var externalRef = "J500112" + Guid.NewGuid().ToString("N")[..10];
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send(police, Body(externalRef))));
        var codes = answers.Select(a => (int)a.StatusCode).OrderBy(c => c).ToList();
        Assert.True(codes.Count(c => c == 201) == 1 && codes.Count(c => c == 200) == 7, $"answers: {string.Join(", ", codes)}");
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await CasesWith(externalRef));
    }

    [Fact]
    public async Task A_region_the_organisation_does_not_serve_is_refused_naming_regionCode_and_nothing_is_written()
    {
        await DirectoryAsync();
        using var police = Police(Station);
        var externalRef = "J-foreign-" + Guid.NewGuid().ToString("N")[..8];
        var before = await _f.WithDbAsync(db => db.Cases.CountAsync());
        var response = await Send(police, Body(externalRef, CasesFactory.OtherVillage));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("regionCode", out _), text);
        Assert.Equal(before, await _f.WithDbAsync(db => db.Cases.CountAsync()));
    }

    public static TheoryData<string, string, string?> BadFields => new()
    {
        { "externalRef", "missing", null },
        { "externalRef", "oversized", new string('9', 101) },
        { "regionCode", "missing", null },
        { "category", "missing", null },
        { "category", "unknown enum", "brawl" },
        { "category", "wrong case", "Neighbourhood" },
        { "title", "missing", null },
        { "title", "oversized", new string('题', 201) },
        { "title", "wrong type", "42" },
        { "receivedAt", "in the future", "2099-01-01T00:00:00+08:00" },
        { "receivedAt", "wrong type", "yesterday" },
        { "riskLevel", "unknown enum", "extreme" },
        { "parties", "wrong type", "张某" },
        { "note", "oversized", new string('注', 2001) },
        { "riskLevl", "unknown field", "high" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Each_bad_field_answers_400_problem_details_naming_it_and_writes_nothing(string field, string what, string? value)
    {
        await DirectoryAsync();
        using var police = Police(Station);
        var body = Body("J-bad-" + Guid.NewGuid().ToString("N")[..8]);
        if (value is null) body.Remove(field);
        else body[field] = what == "wrong type" && value == "42" ? JsonValue.Create(42) : what == "wrong type" && field == "parties" ? JsonValue.Create(value) : JsonValue.Create(value);
        var before = await _f.WithDbAsync(db => db.Cases.CountAsync());
        var response = await Send(police, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} {what}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.Ordinal)), $"{field} {what}: no error on it: {errors}");
        Assert.Equal(before, await _f.WithDbAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task Only_liaisons_of_an_agency_that_hands_disputes_in_may_and_only_through_their_own_role()
    {
        await DirectoryAsync();
        var body = Body("J-role-" + Guid.NewGuid().ToString("N")[..8]);
        using var committee = Police(Committee); // a police_liaison token naming a mediation committee
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(committee, body)).StatusCode);
        using var wrongRole = Police(Station, Roles.CourtLiaison); // a court liaison claiming a police station
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(wrongRole, body)).StatusCode);
        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Village]));
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(mediator, body)).StatusCode);
        Assert.Equal(0, await CasesWith(body["externalRef"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_a_handed_in_dispute_can_be_returned()
    {
        await DirectoryAsync();
        using var police = Police(Station);
        var record = await (await Send(police, Body("J-return-" + Guid.NewGuid().ToString("N")[..8]))).Content.ReadFromJsonAsync<JsonElement>();
        var caseId = record.GetProperty("case").GetProperty("id").GetGuid();
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var returned = await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/return", new { reason = "涉嫌违反治安管理，由派出所处理" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("transferred", (await returned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var read = await police.GetFromJsonAsync<JsonElement>($"/api/intake/{record.GetProperty("id").GetGuid()}");
        Assert.Equal("returned", read.GetProperty("status").GetString());
        Assert.Equal("涉嫌违反治安管理，由派出所处理", read.GetProperty("outcome").GetProperty("reason").GetString());

        var own = await (await supervisor.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute())).Content.ReadFromJsonAsync<JsonElement>();
        var refused = await supervisor.PostAsJsonAsync($"/api/cases/{own.GetProperty("id").GetGuid()}/return", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("allowedActions", out _));
    }
}
