using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using Npgsql;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// quality.md "Bad input gets a clear answer, never a 500, never a partial write": every POST and PATCH of the case
/// service gets <see cref="PerEndpoint"/> seeded random bodies — a valid body with one to three mutations (missing
/// fields, nulls, wrong types, unknown enum values, huge strings and numbers, dates in the future or long ago, SQL and
/// script fragments, control characters, deep nesting) or no JSON at all (broken, truncated, invalid UTF-8, empty),
/// sometimes with odd Idempotency-Key / If-Match headers. Asserted for each: no 5xx; a refused request (4xx) leaves every
/// table as it was (cases, parties, timeline, outbox, referrals, risk registers and items, idempotency records, the
/// number counters). A request that happens to be valid may change things; its subject is then replaced by a fresh one.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class FuzzTests(CasesFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Seed = 20261125;
    private const int PerEndpoint = 200;
    private readonly CasesFactory _f = fixture.Factory;
    private HttpClient? _admin;
    private HttpClient Admin => _admin ??= _f.ClientWithToken(TestTokens.Shared.Mint([Roles.Admin, Roles.Supervisor], [CasesFactory.Town]));

    private sealed record Fuzzed(HttpMethod Method, string Path, Func<JsonObject> Valid, Func<Task<string>> Arrange);

    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    private List<Fuzzed> Endpoints() =>
    [
        new(HttpMethod.Post, "/api/cases", () => J(System.Text.Json.JsonSerializer.Serialize(RegistrationTests.Dispute(receivedAt: "2021-03-01T09:00:00+08:00"))), () => Task.FromResult("")),
        new(HttpMethod.Patch, "/api/cases/{id}", () => J("""{"title":"新标题","description":"d","category":"contract","riskLevel":"high","parties":[{"role":"applicant","kind":"person","name":"王某","idNumber":"500112199002025678","phone":"13900001111"}]}"""), () => Dispute("registered")),
        new(HttpMethod.Post, "/api/cases/{id}/start-mediation", () => J("""{"occurredAt":"2021-03-02T09:00:00+08:00"}"""), () => Dispute("registered")),
        new(HttpMethod.Post, "/api/cases/{id}/resolve", () => J("""{"agreementType":"written","agreementSummary":"赔偿500元","amountAgreed":500,"performanceDueAt":"2021-05-01T00:00:00+08:00","escalationPrevented":true,"occurredAt":"2021-03-03T09:00:00+08:00"}"""), () => Dispute("mediating")),
        new(HttpMethod.Post, "/api/cases/{id}/fail", () => J("""{"reason":"一方拒绝","advisedRoute":"litigation","occurredAt":"2021-03-03T09:00:00+08:00"}"""), () => Dispute("mediating")),
        new(HttpMethod.Post, "/api/cases/{id}/withdraw", () => J("""{"reason":"撤回","occurredAt":"2021-03-03T09:00:00+08:00"}"""), () => Dispute("registered")),
        new(HttpMethod.Post, "/api/cases/{id}/extend", () => J("""{"days":15,"reason":"双方同意","occurredAt":"2021-03-03T09:00:00+08:00"}"""), () => Dispute("mediating")),
        new(HttpMethod.Post, "/api/cases/{id}/judicial-confirmation", () => J("""{"status":"applied","court":"渝北区人民法院","note":"n"}"""), () => Dispute("resolved")),
        new(HttpMethod.Post, "/api/cases/{id}/follow-ups", () => J("""{"performed":true,"satisfied":true,"note":"已履行"}"""), () => Dispute("resolved")),
        new(HttpMethod.Post, "/api/cases/{id}/notes", () => J("""{"text":"备注","occurredAt":"2021-03-03T09:00:00+08:00"}"""), () => Dispute("registered")),
        new(HttpMethod.Post, "/api/cases/{id}/referrals", () => J("""{"agency":"court","reason":"诉调对接","whole":false,"occurredAt":"2021-03-03T09:00:00+08:00"}"""), () => Dispute("registered")),
        new(HttpMethod.Post, "/api/cases/{id}/accept", () => J("""{"occurredAt":"2021-03-03T09:00:00+08:00"}"""), () => Petition("registered")),
        new(HttpMethod.Post, "/api/cases/{id}/not-accept", () => J("""{"reason":"不属于受理范围"}"""), () => Petition("registered")),
        new(HttpMethod.Post, "/api/cases/{id}/conclude", () => J("""{"opinion":"support","summary":"支持"}"""), () => Petition("accepted")),
        new(HttpMethod.Post, "/api/cases/{id}/review", () => J("""{"level":"review","reason":"不服"}"""), () => Petition("concluded")),
        new(HttpMethod.Post, "/api/cases/{id}/review/conclude", () => J("""{"opinion":"explain","summary":"解释"}"""), () => Petition("under_review")),
        new(HttpMethod.Post, "/api/risk-registers", () => J($$"""{"title":"风险清单","regionCode":"{{CasesFactory.Town}}","year":2021}"""), () => Task.FromResult("")),
        new(HttpMethod.Post, "/api/risk-registers/{id}/items", () => J("""{"description":"隐患","level":"high","occurredAt":"2021-03-03T09:00:00+08:00"}"""), RiskRegister),
        new(HttpMethod.Post, "/api/risk-registers/{id}/close", () => J("""{"note":"已销号"}"""), RiskItem),
    ];

    private async Task<string> Dispute(string stage)
    {
        var id = (await Expect(Admin.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(receivedAt: "2021-03-01T09:00:00+08:00")), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        if (stage == "registered") return id.ToString();
        await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { occurredAt = "2021-03-02T08:00:00+08:00" }));
        if (stage == "resolved") await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/resolve", new { agreementType = "oral", agreementSummary = "口头", occurredAt = "2021-03-02T09:00:00+08:00" }));
        return id.ToString();
    }

    private async Task<string> Petition(string stage)
    {
        var id = (await Expect(Admin.PostAsJsonAsync("/api/cases", new
        {
            kind = "petition", title = "信访事项", category = "land_forest", petitionType = "claim", regionCode = CasesFactory.Village,
            source = "application", channel = "letter", riskLevel = "low",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        if (stage == "registered") return id.ToString();
        await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/accept", new { }));
        if (stage == "accepted") return id.ToString();
        await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/conclude", new { opinion = "support", summary = "支持" }));
        if (stage == "concluded") return id.ToString();
        await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/review", new { level = "review", reason = "不服" }));
        return id.ToString();
    }

    private async Task<string> RiskRegister() =>
        (await Expect(Admin.PostAsJsonAsync("/api/risk-registers", new { title = "清单", regionCode = CasesFactory.Town, year = 2021 }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>Register id and item id as "registerId/items/itemId" for the close route.</summary>
    private async Task<string> RiskItem()
    {
        var registerId = await RiskRegister();
        var item = await Expect(Admin.PostAsJsonAsync($"/api/risk-registers/{registerId}/items", new { description = "x", level = "low", occurredAt = "2021-03-01T09:00:00+08:00" }), HttpStatusCode.Created);
        return $"{registerId}/items/{item.GetProperty("id").GetGuid()}";
    }

    private static readonly string[] Strings =
    [
        "", " ", "\t\n", "'; DROP TABLE cases; --", "<script>alert(1)</script>", "\u0000\u0001\u001f", "🙂🙃", "null",
        "%00%ff", "../../etc/passwd", "{{7*7}}", "not_a_value", "LOW", "Neighbourhood", "2021-13-45", "9999-12-31T23:59:59+08:00",
    ];

    private static JsonNode? RandomValue(Random rng) => rng.Next(16) switch
    {
        0 => null,
        1 => JsonValue.Create(rng.Next(2) == 0),
        2 => JsonValue.Create(rng.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(rng.Next(2) == 0 ? 1e308 : -1e308),
        4 => JsonValue.Create(decimal.MaxValue),
        5 => JsonValue.Create(Strings[rng.Next(Strings.Length)]),
        6 => JsonValue.Create(new string('字', rng.Next(2) == 0 ? 4_001 : 100_000)),
        7 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x"), null),
        8 => new JsonObject { ["nested"] = JsonValue.Create("x") },
        9 => JsonValue.Create(DateTimeOffset.UtcNow.AddDays(rng.Next(1, 4000)).ToString("O")),
        10 => JsonValue.Create("1899-01-01T00:00:00+08:00"),
        11 => JsonValue.Create(-rng.Next(1, 1_000_000)),
        12 => JsonValue.Create(Guid.NewGuid().ToString()),
        13 => JsonValue.Create("not-a-guid"),
        14 => JsonValue.Create(rng.NextDouble() * 1e6),
        _ => JsonValue.Create(0),
    };

    private static void Mutate(JsonObject body, Random rng)
    {
        var keys = body.Select(p => p.Key).ToList();
        if (keys.Count == 0 || rng.Next(8) == 0)
        {
            body[$"unknown{rng.Next(100)}"] = RandomValue(rng);
            if (keys.Count == 0) return;
        }
        var key = keys[rng.Next(keys.Count)];
        switch (rng.Next(4))
        {
            case 0: body.Remove(key); break;
            case 1: body[key] = null; break;
            case 2 when body[key] is JsonArray { Count: > 0 } array && array[0] is JsonObject first:
                Mutate(first, rng); break; // inside the parties
            default: body[key] = RandomValue(rng); break;
        }
    }

    private static byte[] RandomRaw(Random rng, JsonObject valid)
    {
        var text = valid.ToJsonString();
        return rng.Next(8) switch
        {
            0 => [],
            1 => Encoding.UTF8.GetBytes(text[..rng.Next(1, Math.Max(2, text.Length - 1))]), // truncated
            2 => [0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d], // {"t":"<invalid UTF-8>"}
            3 => Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)),
            4 => Encoding.UTF8.GetBytes("[1,2,3]"),
            5 => Encoding.UTF8.GetBytes("\"just a string\""),
            6 => Encoding.UTF8.GetBytes(text.Replace(":", "=")),
            _ => Enumerable.Range(0, rng.Next(1, 200)).Select(_ => (byte)rng.Next(256)).ToArray(),
        };
    }

    private async Task<long[]> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(_f.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM parties), (SELECT count(*) FROM timeline),
                   (SELECT count(*) FROM outbox_messages), (SELECT count(*) FROM referrals), (SELECT count(*) FROM risk_registers),
                   (SELECT count(*) FROM risk_items), (SELECT count(*) FROM risk_items WHERE closed), (SELECT count(*) FROM idempotency_records),
                   (SELECT coalesce(sum(last_value), 0) FROM case_number_counters), (SELECT coalesce(sum(version), 0) FROM cases)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToInt64(reader.GetValue(i))).ToArray();
    }

    [Fact]
    public async Task Thousands_of_malformed_requests_get_4xx_never_5xx_and_a_refused_one_writes_nothing()
    {
        var rng = new Random(Seed);
        var failures = new StringBuilder();
        var statuses = new Dictionary<int, int>();
        foreach (var endpoint in Endpoints())
        {
            var subject = await endpoint.Arrange();
            var before = await CountsAsync();
            for (var i = 0; i < PerEndpoint; i++)
            {
                var path = endpoint.Path.Replace("{id}", subject);
                if (rng.Next(40) == 0) path = path.Replace(subject.Length > 0 ? subject[..8] : "/api", subject.Length > 0 ? "zzzzzzzz" : "/api"); // a malformed id
                using var request = new HttpRequestMessage(endpoint.Method, path);
                var valid = endpoint.Valid();
                string sent;
                if (rng.Next(5) == 0)
                {
                    var raw = RandomRaw(rng, valid);
                    request.Content = new ByteArrayContent(raw);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(rng.Next(6) == 0 ? "text/plain" : "application/json");
                    sent = "raw " + Convert.ToBase64String(raw[..Math.Min(raw.Length, 60)]);
                }
                else
                {
                    for (var m = rng.Next(1, 4); m > 0; m--) Mutate(valid, rng);
                    var json = valid.ToJsonString();
                    request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                    sent = json[..Math.Min(json.Length, 200)];
                }
                if (rng.Next(10) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", rng.Next(2) == 0 ? new string('k', 300) : $"fuzz-{rng.Next(5)}");
                if (rng.Next(10) == 0) request.Headers.TryAddWithoutValidation("If-Match", rng.Next(2) == 0 ? "\"999\"" : "garbage");
                using var response = await Admin.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var after = await CountsAsync();
                if (status >= 500)
                    failures.AppendLine($"{endpoint.Method} {endpoint.Path} #{i}: {status} for {sent}");
                else if (status >= 400 && !after.SequenceEqual(before))
                    failures.AppendLine($"{endpoint.Method} {endpoint.Path} #{i}: {status} but the database changed [{string.Join(",", before)}] → [{string.Join(",", after)}] for {sent}");
                else if (status < 300 && subject.Length > 0)
                    subject = await endpoint.Arrange(); // it was valid: take a fresh subject in the needed state
                before = status < 300 ? await CountsAsync() : after;
            }
        }
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        output.WriteLine($"{statuses.Values.Sum()} requests, statuses: {summary}");
        Assert.True(failures.Length == 0, $"statuses: {summary}\n{failures}");
        Assert.Equal(19 * PerEndpoint, statuses.Values.Sum());
        Assert.True(statuses.Where(s => s.Key >= 400).Sum(s => s.Value) > 15 * PerEndpoint, $"mostly refused, as they should be: {summary}");
    }
}
