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

/// <summary>Repeat matters over HTTP: possible duplicates on registration, links, and not accepting a repeat of a closed matter.</summary>
[Collection(CasesCollection.Name)]
public sealed class RepeatMatterTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private HttpClient Client(string role, params string[] regions) => _f.ClientWithToken(TestTokens.Shared.Mint(role, regions));

    private HttpClient Admin => Client(Roles.Admin);

    /// <summary>A fresh ID number per test, so other tests' registrations never match.</summary>
    private static string NewIdNumber() => "5001121990" + Random.Shared.Next(10_000_000, 99_999_999).ToString();

    private static object Dispute(string region, string category, string name, string? idNumber, string? phone = null) => new
    {
        kind = "dispute", title = "承包地边界纠纷", category, regionCode = region, source = "application", channel = "walk_in", riskLevel = "low",
        parties = new object[] { new { role = "applicant", kind = "person", name, idNumber, phone }, new { role = "respondent", kind = "person", name = "王某" } },
    };

    private static object Petition(string region, string name, string idNumber) => new
    {
        kind = "petition", petitionType = "claim", title = "要求解决宅基地确权", category = "housing_homestead", regionCode = region,
        source = "application", channel = "letter", riskLevel = "medium",
        parties = new object[] { new { role = "applicant", kind = "person", name, idNumber } },
    };

    private static async Task<JsonElement> Timeline(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline");

    private static string[] Actions(JsonElement timeline) => timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray();

    private static Guid IdOf(JsonElement c) => c.GetProperty("id").GetGuid();

    /// <summary>A timeline entry's details (a JSON text in the response).</summary>
    public static JsonElement Details(JsonElement entry) => JsonDocument.Parse(entry.GetProperty("details").GetString()!).RootElement.Clone();

    [Fact]
    public async Task A_registration_names_open_cases_of_the_same_applicant_and_category_and_both_timelines_note_it()
    {
        var idNumber = NewIdNumber();
        using var supervisor = Client(Roles.Supervisor, CasesFactory.Town);
        var first = await Expect(supervisor.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.Village, "land_forest", "刘某", idNumber)), HttpStatusCode.Created);
        Assert.Empty(first.GetProperty("possibleDuplicates").EnumerateArray());
        var otherCategory = await Expect(supervisor.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.Village, "contract", "刘某", idNumber)), HttpStatusCode.Created);
        Assert.Empty(otherCategory.GetProperty("possibleDuplicates").EnumerateArray());

        // the same person (ID number written in lower case: the keyed hash normalises it), same category
        var second = await Expect(supervisor.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.Village, "land_forest", "刘某某", idNumber.ToLowerInvariant())),
            HttpStatusCode.Created);
        var duplicate = Assert.Single(second.GetProperty("possibleDuplicates").EnumerateArray());
        Assert.Equal(IdOf(first), duplicate.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("number").GetString(), duplicate.GetProperty("number").GetString());
        Assert.Equal("registered", duplicate.GetProperty("status").GetString());
        Assert.Equal("same_id_number", duplicate.GetProperty("reason").GetString());
        Assert.True(duplicate.TryGetProperty("receivedAt", out _));

        var newTimeline = await Timeline(supervisor, IdOf(second));
        Assert.Equal(["registered"], Actions(newTimeline)); // listed in the registration's own entry
        Assert.Equal(IdOf(first), Details(newTimeline[0]).GetProperty("possibleDuplicates")[0].GetProperty("caseId").GetGuid());
        var oldTimeline = await Timeline(supervisor, IdOf(first));
        Assert.Equal(["registered", "possible_duplicate"], Actions(oldTimeline));
        Assert.Equal(IdOf(second), Details(oldTimeline[1]).GetProperty("caseId").GetGuid());
        Assert.Equal(1, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{IdOf(first)}")).GetProperty("version").GetInt32()); // a notice, not a change
        Assert.Equal(["registered"], Actions(await Timeline(supervisor, IdOf(otherCategory))));

        // nothing in clear anywhere: the timeline details carry ids and numbers only
        var details = await _f.WithDbAsync(db => db.Timeline.AsNoTracking().Where(t => t.CaseId == IdOf(first) || t.CaseId == IdOf(second)).Select(t => t.Details).ToListAsync());
        Assert.All(details, d => Assert.DoesNotContain(idNumber, d ?? ""));
        // GET does not carry the field
        Assert.False((await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{IdOf(second)}")).TryGetProperty("possibleDuplicates", out _));
    }

    [Fact]
    public async Task Without_an_ID_number_name_and_phone_match_but_a_name_alone_does_not()
    {
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        using var admin = Admin;
        var first = await Expect(admin.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.Village, "medical", "孙某", null, phone)), HttpStatusCode.Created);
        var samePhone = await Expect(admin.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.Village, "medical", "孙某", null, phone[..3] + "-" + phone[3..])),
            HttpStatusCode.Created);
        var match = Assert.Single(samePhone.GetProperty("possibleDuplicates").EnumerateArray(), d => d.GetProperty("id").GetGuid() == IdOf(first));
        Assert.Equal("same_name_and_phone", match.GetProperty("reason").GetString());
        var nameOnly = await Expect(admin.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.Village, "medical", "孙某", null, null)), HttpStatusCode.Created);
        Assert.Empty(nameOnly.GetProperty("possibleDuplicates").EnumerateArray());
    }

    [Fact]
    public async Task Two_towns_cases_are_not_matched_for_a_user_who_sees_only_one()
    {
        var idNumber = NewIdNumber();
        using var admin = Admin;
        var inGulu = await Expect(admin.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.OtherVillage, "labour", "周某", idNumber)), HttpStatusCode.Created);
        var inMuer = await Expect(admin.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.Village, "labour", "周某", idNumber)), HttpStatusCode.Created);
        Assert.Empty(inMuer.GetProperty("possibleDuplicates").EnumerateArray()); // another town: not the same matter here

        using var muerSupervisor = Client(Roles.Supervisor, CasesFactory.Town);
        var again = await Expect(muerSupervisor.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.Village, "labour", "周某", idNumber)), HttpStatusCode.Created);
        var ids = again.GetProperty("possibleDuplicates").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([IdOf(inMuer)], ids);
        Assert.DoesNotContain(IdOf(inGulu), ids);
        Assert.Equal(["registered"], Actions(await Timeline(admin, IdOf(inGulu)))); // the other town's case hears nothing of it
    }

    [Fact]
    public async Task A_link_changes_the_case_once_notes_the_other_and_refuses_a_case_the_caller_cannot_see()
    {
        using var supervisor = Client(Roles.Supervisor, CasesFactory.Town);
        var a = IdOf(await Expect(supervisor.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute()), HttpStatusCode.Created));
        var b = IdOf(await Expect(supervisor.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute()), HttpStatusCode.Created));
        var linked = await Expect(supervisor.PostAsJsonAsync($"/api/cases/{a}/link", new { caseId = b, relation = "repeat_of" }));
        var link = Assert.Single(linked.GetProperty("links").EnumerateArray());
        Assert.Equal((b, "repeat_of"), (link.GetProperty("caseId").GetGuid(), link.GetProperty("relation").GetString()));
        Assert.Equal(2, linked.GetProperty("version").GetInt32());
        var again = await Expect(supervisor.PostAsJsonAsync($"/api/cases/{a}/link", new { caseId = b, relation = "repeat_of" }));
        Assert.Equal(2, again.GetProperty("version").GetInt32());
        Assert.Equal("linked", Actions(await Timeline(supervisor, a)).Last());
        Assert.Equal("linked_from", Actions(await Timeline(supervisor, b)).Last());
        var events = await _f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == a && m.MessageType == nameof(CaseLinked)).ToListAsync());
        Assert.Contains(b.ToString(), Assert.Single(events).Payload);

        var foreign = IdOf(await Expect(Admin.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(CasesFactory.OtherVillage)), HttpStatusCode.Created));
        var refused = await Expect(supervisor.PostAsJsonAsync($"/api/cases/{a}/link", new { caseId = foreign, relation = "related" }), HttpStatusCode.BadRequest);
        Assert.Equal(["caseId"], ErrorFields(refused));
        Assert.Equal(["caseId"], ErrorFields(await Expect(supervisor.PostAsJsonAsync($"/api/cases/{a}/link", new { caseId = a, relation = "related" }), HttpStatusCode.BadRequest)));
        Assert.Equal(["relation"], ErrorFields(await Expect(supervisor.PostAsJsonAsync($"/api/cases/{a}/link", new { caseId = b, relation = "cousin_of" }), HttpStatusCode.BadRequest)));
        Assert.Equal(2, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{a}")).GetProperty("version").GetInt32());
        Assert.Equal(["registered"], Actions(await Timeline(Admin, foreign)));
    }

    [Fact]
    public async Task A_petition_repeating_a_matter_whose_second_review_is_concluded_is_not_accepted_with_that_reason_in_one_step()
    {
        var idNumber = NewIdNumber();
        using var officer = Client(Roles.PetitionOfficer, CasesFactory.Town);
        var closed = IdOf(await Expect(officer.PostAsJsonAsync("/api/cases", Petition(CasesFactory.Village, "钱某", idNumber)), HttpStatusCode.Created));
        await Expect(officer.PostAsJsonAsync($"/api/cases/{closed}/accept", new { }));
        await Expect(officer.PostAsJsonAsync($"/api/cases/{closed}/conclude", new { opinion = "not_support", summary = "不支持" }));
        var open = IdOf(await Expect(officer.PostAsJsonAsync("/api/cases", Petition(CasesFactory.Village, "钱某", idNumber)), HttpStatusCode.Created));
        await Expect(officer.PostAsJsonAsync($"/api/cases/{closed}/review", new { level = "review", reason = "不服" }));
        await Expect(officer.PostAsJsonAsync($"/api/cases/{closed}/review/conclude", new { opinion = "explain", summary = "维持" }));

        // only a review: the matter is not closed yet → 400 on repeatOf, nothing changes
        var notYet = await Expect(officer.PostAsJsonAsync($"/api/cases/{open}/not-accept", new { repeatOf = closed }), HttpStatusCode.BadRequest);
        Assert.Equal(["repeatOf"], ErrorFields(notYet));
        Assert.Equal(1, (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{open}")).GetProperty("version").GetInt32());

        await Expect(officer.PostAsJsonAsync($"/api/cases/{closed}/review", new { level = "second_review", reason = "仍不服" }));
        await Expect(officer.PostAsJsonAsync($"/api/cases/{closed}/review/conclude", new { opinion = "explain", summary = "维持" }));
        var repeat = IdOf(await Expect(officer.PostAsJsonAsync("/api/cases", Petition(CasesFactory.Village, "钱某", idNumber)), HttpStatusCode.Created));
        var refused = await Expect(officer.PostAsJsonAsync($"/api/cases/{repeat}/not-accept", new { repeatOf = closed }));
        Assert.Equal("not_accepted", refused.GetProperty("status").GetString());
        Assert.Contains("第三十六条", refused.GetProperty("outcome").GetProperty("reason").GetString());
        Assert.Equal((closed, "repeat_of"), (refused.GetProperty("links")[0].GetProperty("caseId").GetGuid(), refused.GetProperty("links")[0].GetProperty("relation").GetString()));
        Assert.Equal(["registered", "linked", "not_accepted"], Actions(await Timeline(officer, repeat)));
        Assert.Contains("linked_from", Actions(await Timeline(officer, closed)));
        var events = await _f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == repeat).OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        Assert.Equal([nameof(CaseRegistered), nameof(CaseLinked), nameof(PetitionNotAccepted)], events);

        // the plain form still wants a reason
        var other = IdOf(await Expect(officer.PostAsJsonAsync("/api/cases", Petition(CasesFactory.Village, "吴某", NewIdNumber())), HttpStatusCode.Created));
        Assert.Equal(["reason"], ErrorFields(await Expect(officer.PostAsJsonAsync($"/api/cases/{other}/not-accept", new { }), HttpStatusCode.BadRequest)));
        Assert.Equal("not_accepted", (await Expect(officer.PostAsJsonAsync($"/api/cases/{other}/not-accept", new { reason = "不属于本机关职权范围" })))
            .GetProperty("status").GetString());
    }
}
