using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.Cases.Tests;

[Collection(CasesCollection.Name)]
public sealed class PersonalDataAndDeadlineTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    [Fact]
    public async Task Unmasked_reads_go_only_to_handlers_with_a_purpose_and_each_is_logged()
    {
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town], subject: "sup-1"));
        var created = await (await supervisor.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute())).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync($"/api/cases/{id}/parties")).StatusCode);
        var parties = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/parties?purpose=核实当事人身份");
        Assert.Equal("500112198001011234", parties[0].GetProperty("idNumber").GetString());
        Assert.Equal("13812345678", parties[0].GetProperty("phone").GetString());

        using var otherMediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Town], mediatorId: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherMediator.GetAsync($"/api/cases/{id}/parties?purpose=curious")).StatusCode);
        using var foreign = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.OtherTown]));
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/cases/{id}/parties?purpose=curious")).StatusCode);

        var log = await supervisor.GetFromJsonAsync<JsonElement>($"/api/access-log?caseId={id}");
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal("sup-1", entry.GetProperty("userId").GetString());
        Assert.Equal("核实当事人身份", entry.GetProperty("purpose").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await otherMediator.GetAsync($"/api/access-log?caseId={id}")).StatusCode);

        // exact search by ID number through the keyed hash; the masked list never shows the number
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/cases?idNumber=500112198001011234")).StatusCode);
        var found = await supervisor.GetFromJsonAsync<JsonElement>("/api/cases?idNumber=500112198001011234&purpose=查重复来访&pageSize=200");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain("500112198001011234", found.ToString());
        var none = await supervisor.GetFromJsonAsync<JsonElement>("/api/cases?idNumber=500112198001019999&purpose=查重复来访");
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        // the search is an unmasked read by guessing: logged with its purpose and what it matched
        var ofCase = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/access-log?caseId={id}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["search", "unmask"], ofCase.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("查重复来访", ofCase[0].GetProperty("purpose").GetString());
        Assert.Contains(ofCase[0].GetProperty("matchedCaseIds").EnumerateArray(), m => m.GetGuid() == id);
        // roles that may not unmask may not search either
        using var statistician = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician, [CasesFactory.Town]));
        Assert.Equal(HttpStatusCode.Forbidden, (await statistician.GetAsync("/api/cases?idNumber=500112198001011234&purpose=查重复来访")).StatusCode);
        // a mediator finds only the cases assigned to them
        Assert.Equal(0, (await otherMediator.GetFromJsonAsync<JsonElement>("/api/cases?idNumber=500112198001011234&purpose=查重复来访"))
            .GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Searches_by_ID_number_are_limited_per_user_and_hour()
    {
        var subject = "searcher-" + Guid.NewGuid().ToString("N")[..6];
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town], subject: subject));
        for (var i = 0; i < 30; i++)
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/cases?idNumber=5001121980010{i:D5}&purpose=逐一核对台账")).StatusCode);
        var refused = await supervisor.GetAsync("/api/cases?idNumber=500112198001011234&purpose=逐一核对台账");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(55));
        // another user is not affected; a plain list is not a search
        using var other = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town], subject: subject + "-b"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/cases?idNumber=500112198001011234&purpose=逐一核对台账")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/cases")).StatusCode);
    }

    [Fact]
    public async Task A_missed_deadline_is_marked_once_with_a_timeline_entry_and_CaseOverdue()
    {
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var receivedAt = DateTimeOffset.UtcNow.AddMonths(-2).ToString("O");
        var created = await (await supervisor.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(receivedAt: receivedAt))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.True(created.GetProperty("overdue").GetBoolean());

        // The scheduled check (every minute in production; hourly in this fixture) — run its rounds directly.
        var check = _f.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Features.Deadlines.OverdueCheck>().Single();
        Assert.True(await check.CheckAsync(CancellationToken.None) >= 1);
        await check.CheckAsync(CancellationToken.None);
        await check.CheckAsync(CancellationToken.None);
        var overdueEvents = await _f.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.AggregateId == id && m.MessageType == nameof(CaseOverdue)));
        Assert.Equal(1, overdueEvents);
        var timeline = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline");
        Assert.Equal(1, timeline.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "overdue"));
        Assert.Equal(created.GetProperty("version").GetInt32(), (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("version").GetInt32());
        var late = await supervisor.GetFromJsonAsync<JsonElement>("/api/cases?overdue=true&pageSize=200");
        Assert.Contains(late.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var onTime = await supervisor.GetFromJsonAsync<JsonElement>("/api/cases?overdue=false&pageSize=200");
        Assert.DoesNotContain(onTime.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
    }
}
