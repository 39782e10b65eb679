using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Tests;

[Collection(CasesCollection.Name)]
public sealed class LifecycleTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private HttpClient Supervisor() => _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<Guid> RegisterAsync(HttpClient client, object body) =>
        (await Ok(client.PostAsJsonAsync("/api/cases", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static object Petition(string receivedAt) => new
    {
        kind = "petition", title = "要求解决宅基地确权", category = "housing_homestead", petitionType = "claim",
        regionCode = CasesFactory.Village, source = "application", channel = "letter", riskLevel = "medium", receivedAt,
        parties = new object[] { new { role = "applicant", kind = "person", name = "赵某", idNumber = "500112197001011111" } },
    };

    [Fact]
    public async Task A_dispute_lives_its_whole_life_with_a_timeline_entry_and_an_event_per_step()
    {
        using var client = Supervisor();
        var id = await RegisterAsync(client, RegistrationTests.Dispute(receivedAt: "2021-03-01T09:00:00+08:00"));
        await Ok(client.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { occurredAt = "2021-03-02T10:00:00+08:00" }));
        var extended = await Ok(client.PostAsJsonAsync($"/api/cases/{id}/extend", new { days = 15, reason = "双方同意延期", occurredAt = "2021-03-20T10:00:00+08:00" }));
        Assert.Equal(DateTimeOffset.Parse("2021-04-16T23:59:59+08:00"), extended.GetProperty("deadlines").GetProperty("mediationDueAt").GetDateTimeOffset());
        var resolved = await Ok(client.PostAsJsonAsync($"/api/cases/{id}/resolve", new
        {
            agreementType = "written", agreementSummary = "李某疏通排水沟并赔偿 500 元", amountAgreed = 500, escalationPrevented = true,
            occurredAt = "2021-04-02T15:00:00+08:00",
        }));
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        // 30 days from 2 Apr end on Sun 2 May, inside 劳动节 (1–5 May off): moved to Thu 6 May (民法典 Art. 203)
        Assert.Equal(DateTimeOffset.Parse("2021-05-06T23:59:59+08:00"), resolved.GetProperty("outcome").GetProperty("judicialConfirmationDueAt").GetDateTimeOffset());
        await Ok(client.PostAsJsonAsync($"/api/cases/{id}/judicial-confirmation", new { status = "applied", court = "渝北区人民法院", occurredAt = "2021-04-10T09:00:00+08:00" }));
        await Ok(client.PostAsJsonAsync($"/api/cases/{id}/judicial-confirmation", new { status = "confirmed", occurredAt = "2021-04-20T09:00:00+08:00" }));
        await Ok(client.PostAsJsonAsync($"/api/cases/{id}/follow-ups", new { performed = true, satisfied = true, note = "已履行", occurredAt = "2021-05-10T09:00:00+08:00" }));
        var last = await Ok(client.PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "归档" }));
        Assert.Equal(8, last.GetProperty("version").GetInt32());

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline");
        Assert.Equal(["registered", "mediation_started", "deadline_extended", "resolved", "judicial_confirmation", "judicial_confirmation", "follow_up", "note"],
            timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var events = await _f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == id).OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        Assert.Equal(["CaseRegistered", "MediationStarted", "DeadlineExtended", "CaseResolved", "CaseUpdated", "CaseUpdated", "CaseUpdated", "CaseUpdated"], events);
    }

    [Fact]
    public async Task A_wrong_transition_answers_409_naming_the_status_and_the_allowed_actions_and_changes_nothing()
    {
        using var client = Supervisor();
        var id = await RegisterAsync(client, RegistrationTests.Dispute());
        await Ok(client.PostAsJsonAsync($"/api/cases/{id}/withdraw", new { reason = "当事人自行和解" }));
        var problem = await Ok(client.PostAsJsonAsync($"/api/cases/{id}/resolve", new { agreementType = "oral", agreementSummary = "x" }), HttpStatusCode.Conflict);
        Assert.Equal("withdrawn", problem.GetProperty("currentStatus").GetString());
        Assert.Equal(["notes", "link"], problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var accept = await Ok(client.PostAsJsonAsync($"/api/cases/{id}/accept", new { }), HttpStatusCode.Conflict); // accepting a dispute
        Assert.Equal("withdrawn", accept.GetProperty("currentStatus").GetString());
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal(2, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Dates_may_be_back_dated_but_never_in_the_future_nor_before_the_previous_step()
    {
        using var client = Supervisor();
        var id = await RegisterAsync(client, RegistrationTests.Dispute(receivedAt: "2021-03-01T09:00:00+08:00"));
        var before = await Ok(client.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { occurredAt = "2021-02-28T09:00:00+08:00" }), HttpStatusCode.BadRequest);
        Assert.True(before.GetProperty("errors").TryGetProperty("occurredAt", out _));
        await Ok(client.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { occurredAt = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.BadRequest);
        var missing = await Ok(client.PostAsJsonAsync($"/api/cases/{id}/fail", new { }), HttpStatusCode.Conflict); // still assigned/registered
        Assert.Equal("registered", missing.GetProperty("currentStatus").GetString());
        await Ok(client.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { occurredAt = "2021-03-01T09:00:00+08:00" }));
        var fail = await Ok(client.PostAsJsonAsync($"/api/cases/{id}/fail", new { }), HttpStatusCode.BadRequest);
        Assert.True(fail.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.True(fail.GetProperty("errors").TryGetProperty("advisedRoute", out _));
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_and_of_two_parallel_edits_with_the_same_ETag_exactly_one_wins()
    {
        using var client = Supervisor();
        var id = await RegisterAsync(client, RegistrationTests.Dispute());
        var etag = (await client.GetAsync($"/api/cases/{id}")).Headers.ETag!.Tag;
        await Ok(client.PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "first" }));
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/notes") { Content = JsonContent.Create(new { text = "second" }) };
        stale.Headers.IfMatch.ParseAdd(etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);

        var current = (await client.GetAsync($"/api/cases/{id}")).Headers.ETag!.Tag;
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/notes") { Content = JsonContent.Create(new { text = $"parallel {i}" }) };
            request.Headers.IfMatch.ParseAdd(current);
            return client.SendAsync(request);
        }));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        Assert.Equal(3, (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_Idempotency_Key_returns_the_first_answer_for_the_same_body_and_422_for_another()
    {
        using var client = Supervisor();
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Post(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }
        var body = RegistrationTests.Dispute(receivedAt: "2018-02-02T10:00:00+08:00");
        var first = await Post(body);
        var again = await Post(body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("id").GetGuid(), b.GetProperty("id").GetGuid());
        Assert.Equal(a.GetProperty("number").GetString(), b.GetProperty("number").GetString());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal((HttpStatusCode)422, (await Post(RegistrationTests.Dispute(receivedAt: "2018-02-03T10:00:00+08:00"))).StatusCode);
        var count = await _f.WithDbAsync(db => db.Cases.CountAsync(c => c.Id == a.GetProperty("id").GetGuid()));
        Assert.Equal(1, count);

        var id = a.GetProperty("id").GetGuid();
        async Task<HttpResponseMessage> Note()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/notes") { Content = JsonContent.Create(new { text = "once" }) };
            request.Headers.Add("Idempotency-Key", "note-" + key);
            return await client.SendAsync(request);
        }
        var notes = await Task.WhenAll(Note(), Note(), Note());
        Assert.All(notes, n => Assert.Equal(HttpStatusCode.OK, n.StatusCode));
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Concurrent_registrations_with_one_Idempotency_Key_make_one_case_and_all_get_its_answer()
    {
        using var client = Supervisor();
        var key = Guid.NewGuid().ToString();
        var body = RegistrationTests.Dispute(receivedAt: "2018-02-04T10:00:00+08:00");
        async Task<HttpResponseMessage> Post(string k, string? ifMatch = null, string path = "/api/cases", object? content = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(content ?? body) };
            request.Headers.Add("Idempotency-Key", k);
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await client.SendAsync(request);
        }
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Post(key)));
        var statuses = answers.Select(a => (int)a.StatusCode).ToList();
        Assert.True(statuses.All(s => s == 201), $"every concurrent retry should get the first answer (201); got {string.Join(", ", statuses)}");
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await _f.WithDbAsync(db => db.Cases.CountAsync(c => c.Id == ids[0])));

        var tooLong = await Post(new string('k', 201));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Idempotency-Key", await tooLong.Content.ReadAsStringAsync());
        var badMatch = await Post(Guid.NewGuid().ToString(), ifMatch: "\"" + new string('9', 30) + "\"", path: $"/api/cases/{ids[0]}/notes", content: new { text = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badMatch.StatusCode);
        Assert.Contains("If-Match", await badMatch.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_Idempotency_Key_record_holds_a_keyed_hash_no_request_personal_data_and_expires()
    {
        using var client = Supervisor();
        var key = Guid.NewGuid().ToString();
        var first = await client.PostWithKeyAsync("/api/cases", RegistrationTests.Dispute(receivedAt: "2018-03-02T10:00:00+08:00"), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var record = await _f.WithDbAsync(db => db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == key));
        Assert.Matches("^[0-9A-F]{64}$", record.RequestHash);
        Assert.DoesNotContain("500112198001011234", record.ResponseBody); // the answer is the masked case
        Assert.DoesNotContain("13812345678", record.ResponseBody);

        // a day later the key is free again: another body is a new request, not a 422
        await _f.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddHours(-25))));
        var later = await client.PostWithKeyAsync("/api/cases", RegistrationTests.Dispute(receivedAt: "2018-03-03T10:00:00+08:00"), key);
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.NotEqual((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_petition_is_accepted_extended_once_concluded_on_time_and_reviewed_twice_then_closed()
    {
        using var officer = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PetitionOfficer, [CasesFactory.Town]));
        var id = await RegisterAsync(officer, Petition("2021-06-01T09:00:00+08:00"));
        var registered = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal(DateTimeOffset.Parse("2021-06-16T23:59:59+08:00"), registered.GetProperty("deadlines").GetProperty("acceptanceDueAt").GetDateTimeOffset());
        var accepted = await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/accept", new { occurredAt = "2021-06-10T09:00:00+08:00" }));
        Assert.Equal(DateTimeOffset.Parse("2021-08-09T23:59:59+08:00"), accepted.GetProperty("deadlines").GetProperty("conclusionDueAt").GetDateTimeOffset());
        var tooLong = await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/extend", new { days = 31, reason = "需要调查" }), HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("days", out _));
        var extended = await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/extend", new { days = 30, reason = "需要调查", occurredAt = "2021-08-01T09:00:00+08:00" }));
        Assert.Equal(DateTimeOffset.Parse("2021-09-08T23:59:59+08:00"), extended.GetProperty("deadlines").GetProperty("conclusionDueAt").GetDateTimeOffset());
        await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/extend", new { days = 5, reason = "again", occurredAt = "2021-08-02T09:00:00+08:00" }), HttpStatusCode.BadRequest);
        var concluded = await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/conclude", new { opinion = "support", summary = "支持其确权诉求", occurredAt = "2021-09-05T09:00:00+08:00" }));
        Assert.True(concluded.GetProperty("outcome").GetProperty("concludedOnTime").GetBoolean());
        await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/review", new { level = "second_review", reason = "x", occurredAt = "2021-09-10T09:00:00+08:00" }), HttpStatusCode.BadRequest);
        await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/review", new { level = "review", reason = "不服", occurredAt = "2021-09-10T09:00:00+08:00" }));
        await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/review/conclude", new { opinion = "explain", summary = "维持", occurredAt = "2021-10-01T09:00:00+08:00" }));
        await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/review", new { level = "second_review", reason = "仍不服", occurredAt = "2021-10-20T09:00:00+08:00" }));
        var done = await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/review/conclude", new { opinion = "explain", summary = "复核维持", occurredAt = "2021-11-10T09:00:00+08:00" }));
        Assert.Equal("review_concluded", done.GetProperty("status").GetString());
        // after a second review the matter is closed: a third request is a wrong transition (409), not a bad field
        var closed = await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/review", new { level = "second_review", reason = "再次", occurredAt = "2021-11-11T09:00:00+08:00" }), HttpStatusCode.Conflict);
        Assert.Equal("review_concluded", closed.GetProperty("currentStatus").GetString());
        Assert.DoesNotContain("review", closed.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Town]));
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_petition_concluded_after_its_due_date_is_not_on_time()
    {
        using var officer = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PetitionOfficer, [CasesFactory.Town]));
        var id = await RegisterAsync(officer, Petition("2021-01-01T09:00:00+08:00"));
        await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/accept", new { occurredAt = "2021-01-05T09:00:00+08:00" }));
        // 60 days from 5 Jan end on Sat 6 Mar, moved to Mon 8 Mar (民法典 Art. 203): the 7th is still on time, the 9th is not
        Assert.Equal(DateTimeOffset.Parse("2021-03-08T23:59:59+08:00"),
            (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("deadlines").GetProperty("conclusionDueAt").GetDateTimeOffset());
        var late = await Ok(officer.PostAsJsonAsync($"/api/cases/{id}/conclude", new { opinion = "not_support", summary = "不予支持", occurredAt = "2021-03-09T09:00:00+08:00" }));
        Assert.False(late.GetProperty("outcome").GetProperty("concludedOnTime").GetBoolean());
    }
}
