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
public sealed class RegistrationTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;
    private static readonly Guid MediatorId = Guid.NewGuid();

    private HttpClient Mediator() =>
        _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Village], mediatorId: MediatorId));

    public static object Dispute(string region = CasesFactory.Village, string? receivedAt = null) => new
    {
        kind = "dispute",
        title = "邻里排水沟纠纷",
        description = "两户因排水沟堵塞发生争执",
        category = "neighbourhood",
        regionCode = region,
        source = "application",
        channel = "walk_in",
        riskLevel = "low",
        receivedAt,
        amountInvolved = 1200.5,
        parties = new object[]
        {
            new { role = "applicant", kind = "person", name = "张某", idNumber = "500112198001011234", phone = "13812345678" },
            new { role = "respondent", kind = "person", name = "李某" },
        },
    };

    [Fact]
    public async Task A_dispute_is_registered_with_a_readable_number_masked_personal_data_a_timeline_entry_and_an_outbox_event()
    {
        using var client = Mediator();
        var response = await client.PostAsJsonAsync("/api/cases", Dispute(receivedAt: "2021-03-10T09:00:00+08:00"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/cases/{id}", response.Headers.Location!.OriginalString);
        Assert.Matches(@"^MUER-2021-D-\d{5}$", body.GetProperty("number").GetString());
        Assert.Equal("registered", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        var applicant = body.GetProperty("parties")[0];
        Assert.Equal("500112********1234", applicant.GetProperty("idNumber").GetString());
        Assert.Equal("138****5678", applicant.GetProperty("phone").GetString());
        // one month from registration, end of day CST
        // one month from registration, end of day CST: Sat 10 Apr moves to Mon 12 Apr (民法典 Art. 203)
        Assert.Equal(DateTimeOffset.Parse("2021-04-12T23:59:59+08:00"), body.GetProperty("deadlines").GetProperty("mediationDueAt").GetDateTimeOffset());

        var (party, outbox, timeline) = await _f.WithDbAsync(async db => (
            await db.Parties.AsNoTracking().FirstAsync(p => p.CaseId == id && p.Name == "张某"),
            await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == id).ToListAsync(),
            await db.Timeline.AsNoTracking().Where(t => t.CaseId == id).ToListAsync()));
        Assert.DoesNotContain("500112198001011234", party.IdNumberEncrypted);
        Assert.DoesNotContain("13812345678", party.PhoneEncrypted);
        var registered = Assert.Single(outbox, m => m.MessageType == nameof(CaseRegistered));
        Assert.DoesNotContain("500112198001011234", registered.Payload);
        Assert.DoesNotContain("13812345678", registered.Payload);
        Assert.DoesNotContain("张某", registered.Payload);
        var entry = Assert.Single(timeline);
        Assert.Equal("registered", entry.Action);
        Assert.Equal(DateTimeOffset.Parse("2021-03-10T09:00:00+08:00"), entry.OccurredAt);

        var read = await client.GetAsync($"/api/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Bad_input_names_each_bad_field_and_writes_nothing()
    {
        using var client = Mediator();
        var before = await _f.WithDbAsync(db => db.Cases.CountAsync());
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            kind = "petition",
            title = "",
            category = "neighbourhood",
            regionCode = "nowhere",
            source = "application",
            channel = "walk_in",
            riskLevel = "low",
            receivedAt = DateTimeOffset.UtcNow.AddDays(3),
            parties = new object[] { new { name = "x", idNumber = "12'; DROP TABLE cases;--" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        // the declared pattern first (RequestLimits) …
        Assert.Equal(["parties[0].idNumber"], errors.EnumerateObject().Select(e => e.Name).ToArray());
        // … then, with that fixed, the endpoint's own rules name each other bad field
        response = await client.PostAsJsonAsync("/api/cases", new
        {
            kind = "petition", title = "", category = "neighbourhood", regionCode = "nowhere", source = "application",
            channel = "walk_in", riskLevel = "low", receivedAt = DateTimeOffset.UtcNow.AddDays(3),
            parties = new object[] { new { name = "x" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "title", "petitionType", "regionCode", "receivedAt", "parties[0].role" })
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}: {errors}");
        Assert.Equal(before, await _f.WithDbAsync(db => db.Cases.CountAsync()));
    }

    [Theory]
    [InlineData("{\"kind\":\"lawsuit\"}")]
    [InlineData("{\"kind\":0}")]
    [InlineData("{not json")]
    [InlineData("[]")]
    public async Task Malformed_bodies_and_unknown_enum_values_answer_400_never_500(string json)
    {
        using var client = Mediator();
        var response = await client.PostAsync("/api/cases", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>api.md, "Contract rules (wave 3)": enum values are exact, and a field the operation does not define is named.</summary>
    [Theory]
    [InlineData("kind", " dispute")]
    [InlineData("kind", "DISPUTE")]
    [InlineData("kind", "Dispute")]
    [InlineData("channel", "walkIn")]
    [InlineData("channel", "WalkIn")]
    [InlineData("riskLevel", "low ")]
    [InlineData("category", "neighbourhood\u0000")]
    public async Task Enum_values_are_exact_and_anything_else_is_400_naming_the_field_and_the_allowed_values(string field, string value)
    {
        using var client = Mediator();
        var before = await _f.WithDbAsync(db => db.Cases.CountAsync());
        var body = JsonSerializer.SerializeToNode(Dispute())!.AsObject();
        body[field] = value;
        var response = await client.PostAsync("/api/cases", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}={JsonSerializer.Serialize(value)}: {(int)response.StatusCode} {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error on '{field}': {errors}");
        Assert.Contains("must be one of", messages[0].GetString());
        Assert.Equal(before, await _f.WithDbAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task A_body_field_the_operation_does_not_define_is_400_naming_it_and_writes_nothing()
    {
        using var client = Mediator();
        var before = await _f.WithDbAsync(db => db.Cases.CountAsync());
        var body = JsonSerializer.SerializeToNode(Dispute())!.AsObject();
        body.Remove("riskLevel");
        body["riskLevl"] = "high";
        var response = await client.PostAsync("/api/cases", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("riskLevl", out var messages), $"the unknown field is not named: {errors}");
        Assert.Contains("not a field", messages[0].GetString());
        Assert.Equal(before, await _f.WithDbAsync(db => db.Cases.CountAsync()));
        // the exact spellings still register
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/cases", Dispute())).StatusCode);
    }

    [Fact]
    public async Task A_mediator_cannot_register_in_a_region_they_do_not_serve_and_cannot_see_cases_there()
    {
        using var admin = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Admin));
        var created = await admin.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.OtherVillage));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var foreignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var client = Mediator();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/cases", Dispute(CasesFactory.OtherVillage))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/cases/{foreignId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/cases/{foreignId}/timeline")).StatusCode);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/cases?pageSize=200");
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == foreignId);

        using var statistician = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician, [CasesFactory.Town]));
        Assert.Equal(HttpStatusCode.NotFound, (await statistician.GetAsync($"/api/cases/{foreignId}")).StatusCode);
    }

    [Fact]
    public async Task Parallel_registrations_get_unique_consecutive_numbers()
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            client.PostAsJsonAsync("/api/cases", Dispute(receivedAt: "2019-06-01T10:00:00+08:00"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = await Task.WhenAll(responses.Select(async r =>
            (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!));
        Assert.Equal(30, numbers.Distinct().Count());
        var sequence = numbers.Select(n => int.Parse(n[^5..])).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 30), sequence);
    }

    [Fact]
    public async Task A_registration_still_saving_does_not_hold_up_the_next_one_in_its_town_and_a_failed_one_leaves_a_gap()
    {
        // a registration that has its number and has not committed yet (ADR 0017: the number is taken in a short
        // transaction of its own; held to the commit, the counter row queued the town's registrations behind it)
        const string at = "2018-03-01T10:00:00+08:00";
        await using var scope = _f.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediationPlatform.Cases.Data.CasesDbContext>();
        var town = await db.Regions.AsNoTracking().FirstAsync(r => r.Code == CasesFactory.Town);
        string? number = null, held = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var slow = await db.Database.BeginTransactionAsync();
            held = await MediationPlatform.Cases.Features.Numbering.CaseNumbers.NextAsync(db, town.Path, CaseKind.Dispute, DateTimeOffset.Parse(at), default);

            using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
            var next = client.PostAsJsonAsync("/api/cases", Dispute(receivedAt: at));
            var finished = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.True(finished == next, "a registration in the same town and year should not wait for another registration's commit");
            var response = await next;
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
            await slow.RollbackAsync(); // the slow one fails after all: its number is not given back (a gap, never a duplicate)
        });
        Assert.Equal(int.Parse(held![^5..]) + 1, int.Parse(number![^5..]));
        var year = await db.CaseNumberCounters.AsNoTracking().SingleAsync(c => c.Prefix == town.Code.ToUpperInvariant() && c.Year == 2018 && c.Kind == CaseKind.Dispute);
        var used = await db.Cases.AsNoTracking().Where(c => c.Number.StartsWith(town.Code.ToUpperInvariant() + "-2018-D-")).Select(c => c.Number).ToListAsync();
        Assert.True(used.Count == year.LastValue - 1, $"one number of {year.LastValue} should be unused (the failed registration's): used {string.Join(", ", used)}");
    }

    [Fact]
    public async Task Page_size_is_bounded_and_enum_filters_are_checked()
    {
        using var client = Mediator();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/cases?pageSize=201")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/cases?status=lost")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cases?status=registered&kind=dispute")).StatusCode);
    }

    [Fact]
    public async Task Every_endpoint_rejects_missing_expired_and_foreign_tokens()
    {
        using var client = _f.CreateClient();
        await AuthAssertions.RejectsBadTokensAsync(client, "/api/cases");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode);
    }
}
