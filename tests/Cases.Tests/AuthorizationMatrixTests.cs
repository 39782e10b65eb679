using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// quality.md "An authorization matrix test": every case-service endpoint × every role × a subject in the caller's own
/// town (木耳镇) or in another town (古路镇). Each cell gets a fresh subject in the state the endpoint needs, made by an
/// admin; a refused change must leave the case's version as it was. The expected table is written out literally.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class AuthorizationMatrixTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private static readonly string[] RoleOrder =
        [Roles.Admin, Roles.Supervisor, Roles.Mediator, Roles.PetitionOfficer, Roles.PoliceLiaison, Roles.CourtLiaison, Roles.Statistician];

    // one cell per role in RoleOrder, "own/foreign"; "in"/"out" = 200 and the subject is / is not in the list
    private const string CaseRead = "200/200 200/404 200/404 404/404 404/404 404/404 404/404";
    private const string DisputeChange = "200/200 200/404 200/404 404/404 404/404 404/404 404/404";
    private const string PetitionChange = "200/200 200/404 403/404 200/404 404/404 404/404 404/404";
    private const string RiskKeeper200 = "200/200 200/404 200/404 403/403 403/403 403/403 403/403";
    private const string RiskKeeper201 = "201/201 201/404 201/404 403/403 403/403 403/403 403/403";

    private sealed record Target(HttpMethod Method, string Url, object? Body = null, Guid? CaseId = null, Guid? ListedId = null,
        Func<HttpContent>? Content = null);

    private sealed record Endpoint(string Name, string Expected, Func<string, Task<Target>> Arrange);

    private static readonly Guid PoliceOrganization = Guid.NewGuid(); // the police liaison's; referrals here are routed to it

    private const int MatrixYear = 2001; // the registers this test makes, apart from the others'

    private List<Endpoint> Endpoints() =>
    [
        new("POST /api/cases", "201/201 201/403 201/403 201/403 403/403 403/403 403/403",
            region => Task.FromResult(new Target(HttpMethod.Post, "/api/cases", RegistrationTests.Dispute(region)))),
        new("GET /api/cases", "in/in in/out in/out out/out out/out out/out out/out", async region =>
        {
            var (id, number) = await DisputeAsync(region);
            return new Target(HttpMethod.Get, $"/api/cases?q={number}", ListedId: id);
        }),
        new("GET /api/cases/{id}", CaseRead, async region => new Target(HttpMethod.Get, $"/api/cases/{(await DisputeAsync(region)).Id}")),
        new("GET /api/cases/{id}/timeline", CaseRead, async region => new Target(HttpMethod.Get, $"/api/cases/{(await DisputeAsync(region)).Id}/timeline")),
        new("PATCH /api/cases/{id}", DisputeChange, async region => Change(HttpMethod.Patch, (await DisputeAsync(region)).Id, "", new { riskLevel = "high" })),
        new("POST start-mediation", DisputeChange, async region => Change((await DisputeAsync(region)).Id, "start-mediation", new { })),
        new("POST resolve", DisputeChange, async region => Change(await DisputeAsync(region, "mediating"), "resolve", new { agreementType = "oral", agreementSummary = "口头协议" })),
        new("POST fail", DisputeChange, async region => Change(await DisputeAsync(region, "mediating"), "fail", new { reason = "x", advisedRoute = "litigation" })),
        new("POST withdraw", DisputeChange, async region => Change((await DisputeAsync(region)).Id, "withdraw", new { reason = "x" })),
        new("POST extend", DisputeChange, async region => Change(await DisputeAsync(region, "mediating"), "extend", new { days = 10, reason = "双方同意" })),
        new("POST judicial-confirmation", DisputeChange, async region => Change(await DisputeAsync(region, "resolved"), "judicial-confirmation", new { status = "applied" })),
        new("POST follow-ups", DisputeChange, async region => Change(await DisputeAsync(region, "resolved"), "follow-ups", new { performed = true, note = "x" })),
        new("POST notes", DisputeChange, async region => Change((await DisputeAsync(region)).Id, "notes", new { text = "x" })),
        new("POST link", DisputeChange, async region =>
            Change((await DisputeAsync(region)).Id, "link", new { caseId = (await DisputeAsync(region)).Id, relation = "related" })),
        new("POST referrals", DisputeChange.Replace("200", "201"), async region => Change((await DisputeAsync(region)).Id, "referrals", new { agency = "police", reason = "x", whole = false })),
        new("POST accept", PetitionChange, async region => Change(await PetitionAsync(region, "registered"), "accept", new { })),
        new("POST not-accept", PetitionChange, async region => Change(await PetitionAsync(region, "registered"), "not-accept", new { reason = "x" })),
        new("POST conclude", PetitionChange, async region => Change(await PetitionAsync(region, "accepted"), "conclude", new { opinion = "support", summary = "x" })),
        new("POST review", PetitionChange, async region => Change(await PetitionAsync(region, "concluded"), "review", new { level = "review", reason = "x" })),
        new("POST review/conclude", PetitionChange, async region => Change(await PetitionAsync(region, "under_review"), "review/conclude", new { opinion = "explain", summary = "x" })),
        // unmasked parties: supervisors of the region; a mediator only for a case assigned to them (this one is not); admins never
        new("GET /api/cases/{id}/parties", "403/403 200/404 403/404 404/404 404/404 404/404 404/404",
            async region => new Target(HttpMethod.Get, $"/api/cases/{(await DisputeAsync(region)).Id}/parties?purpose=核对当事人身份")),
        // a search by ID number is an unmasked read by guessing: the roles that may unmask, within what they may unmask
        new("GET /api/cases?idNumber=", "403/403 in/out out/out out/out 403/403 403/403 403/403", async region =>
        {
            var idNumber = "5001121990" + Random.Shared.Next(10_000_000, 99_999_999);
            var id = (await Expect(Admin.PostAsJsonAsync("/api/cases", new
            {
                kind = "dispute", title = "矩阵", category = "neighbourhood", regionCode = region, source = "application", channel = "walk_in",
                riskLevel = "low", parties = new object[] { new { role = "applicant", kind = "person", name = "甲", idNumber } },
            }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
            return new Target(HttpMethod.Get, $"/api/cases?idNumber={idNumber}&purpose=矩阵核对身份", ListedId: id);
        }),
        // the parties of a referral: the agency it was routed to (wherever the case is), supervisors of the case's region
        new("GET /api/cases/referrals/{id}/parties", "200/200 200/404 404/404 404/404 200/200 404/404 404/404", async region =>
        {
            var (caseId, _) = await DisputeAsync(region);
            var made = await Expect(Admin.PostAsJsonAsync($"/api/cases/{caseId}/referrals", new { agency = "police", reason = "x", whole = false }),
                HttpStatusCode.Created);
            var referralId = made.GetProperty("referrals").EnumerateArray().Last().GetProperty("id").GetGuid();
            await _f.PublishAsync(new ReferralRouted(referralId, caseId, PoliceOrganization, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
            if (!await Eventually.TrueAsync(() => _f.WithDbAsync(db => db.Referrals.AnyAsync(r => r.Id == referralId && r.OrganizationId == PoliceOrganization)),
                    TimeSpan.FromSeconds(10)))
                throw new TimeoutException("ReferralRouted was not applied");
            return new Target(HttpMethod.Get, $"/api/cases/referrals/{referralId}/parties?purpose=出警前核实当事人");
        }),
        new("GET /api/access-log", "200/200 200/404 403/403 403/403 403/403 403/403 403/403",
            async region => new Target(HttpMethod.Get, $"/api/access-log?caseId={(await DisputeAsync(region)).Id}")),
        new("POST /api/risk-registers", "201/201 201/403 201/403 403/403 403/403 403/403 403/403",
            region => Task.FromResult(new Target(HttpMethod.Post, "/api/risk-registers", new { title = "矩阵", regionCode = TownOf(region), year = MatrixYear }))),
        // ledger import: admins, and supervisors for their own towns; the template is the same for every town
        new("GET /api/imports/template", "200/200 200/200 403/403 403/403 403/403 403/403 403/403",
            region => Task.FromResult(new Target(HttpMethod.Get, "/api/imports/template"))),
        new("POST /api/imports (dry run)", "200/200 200/403 403/403 403/403 403/403 403/403 403/403",
            region => Task.FromResult(new Target(HttpMethod.Post, $"/api/imports?regionCode={TownOf(region)}&dryRun=true",
                Content: () => LedgerImportTests.Form(LedgerImportTests.Xlsx([LedgerImportTests.Row("matrix-" + Guid.NewGuid().ToString("N")[..8])]), "台账.xlsx")))),
        new("GET /api/imports/{id}", "200/200 200/404 403/403 403/403 403/403 403/403 403/403", async region =>
        {
            var village = region == CasesFactory.Village ? "金刚村" : "古路村";
            var file = LedgerImportTests.Xlsx([LedgerImportTests.Row("matrix-" + Guid.NewGuid().ToString("N")[..8], r => r["村（社区）"] = village)]);
            using var accepted = await Admin.PostAsync($"/api/imports?regionCode={TownOf(region)}&dryRun=false", LedgerImportTests.Form(file, "矩阵.xlsx"));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            return new Target(HttpMethod.Get, accepted.Headers.Location!.OriginalString);
        }),
        new("GET /api/risk-registers", "in/in in/out in/out 403/403 403/403 403/403 403/403", async region =>
        {
            var id = await RegisterAsync(region);
            return new Target(HttpMethod.Get, $"/api/risk-registers?year={MatrixYear}&pageSize=200", ListedId: id);
        }),
        new("GET /api/risk-registers/{id}", RiskKeeper200, async region => new Target(HttpMethod.Get, $"/api/risk-registers/{await RegisterAsync(region)}")),
        new("POST /api/risk-registers/{id}/items", RiskKeeper201, async region =>
            new Target(HttpMethod.Post, $"/api/risk-registers/{await RegisterAsync(region)}/items", new { description = "x", level = "low" })),
        new("POST …/items/{itemId}/close", RiskKeeper200, async region =>
        {
            var registerId = await RegisterAsync(region);
            var item = await Expect(Admin.PostAsJsonAsync($"/api/risk-registers/{registerId}/items", new { description = "x", level = "low" }), HttpStatusCode.Created);
            return new Target(HttpMethod.Post, $"/api/risk-registers/{registerId}/items/{item.GetProperty("id").GetGuid()}/close", new { note = "已销号" });
        }),
    ];

    private HttpClient? _admin;
    private HttpClient Admin => _admin ??= _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Admin, [CasesFactory.Town]));

    private static string TownOf(string village) => village == CasesFactory.Village ? CasesFactory.Town : CasesFactory.OtherTown;

    private static Target Change(Guid id, string action, object body) => new(HttpMethod.Post, $"/api/cases/{id}/{action}", body, id);

    private static Target Change(HttpMethod method, Guid id, string action, object body) => new(method, $"/api/cases/{id}{action}", body, id);

    private async Task<(Guid Id, string Number)> DisputeAsync(string region)
    {
        var body = await Expect(Admin.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(region)), HttpStatusCode.Created);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("number").GetString()!);
    }

    private async Task<Guid> DisputeAsync(string region, string stage)
    {
        var (id, _) = await DisputeAsync(region);
        await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { }));
        if (stage == "resolved") await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/resolve", new { agreementType = "written", agreementSummary = "书面协议" }));
        return id;
    }

    private async Task<Guid> PetitionAsync(string region, string stage)
    {
        var id = (await Expect(Admin.PostAsJsonAsync("/api/cases", new
        {
            kind = "petition", title = "要求解决宅基地确权", category = "housing_homestead", petitionType = "claim", regionCode = region,
            source = "application", channel = "letter", riskLevel = "medium",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        if (stage == "registered") return id;
        await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/accept", new { }));
        if (stage == "accepted") return id;
        await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/conclude", new { opinion = "support", summary = "支持" }));
        if (stage == "concluded") return id;
        await Expect(Admin.PostAsJsonAsync($"/api/cases/{id}/review", new { level = "review", reason = "不服" }));
        return id;
    }

    private async Task<Guid> RegisterAsync(string village) =>
        (await Expect(Admin.PostAsJsonAsync("/api/risk-registers", new { title = "矩阵", regionCode = TownOf(village), year = MatrixYear }), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    private async Task<int> VersionAsync(Guid caseId) => (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("version").GetInt32();

    private static string Token(string role) => role switch
    {
        Roles.Mediator => TestTokens.Shared.Mint(role, [CasesFactory.Town], mediatorId: Guid.NewGuid()),
        Roles.PoliceLiaison => TestTokens.Shared.Mint(role, [CasesFactory.Town], organizationId: PoliceOrganization),
        Roles.CourtLiaison => TestTokens.Shared.Mint(role, [CasesFactory.Town], organizationId: Guid.NewGuid()),
        _ => TestTokens.Shared.Mint(role, [CasesFactory.Town]),
    };

    [Fact]
    public async Task Every_endpoint_answers_every_role_in_its_own_and_a_foreign_town_as_the_table_says()
    {
        var clients = RoleOrder.ToDictionary(r => r, r => _f.ClientWithToken(Token(r)));
        var failures = new StringBuilder();
        var cells = 0;
        foreach (var endpoint in Endpoints())
        {
            var expected = endpoint.Expected.Split(' ');
            Assert.Equal(RoleOrder.Length, expected.Length);
            for (var r = 0; r < RoleOrder.Length; r++)
            {
                var pair = expected[r].Split('/');
                foreach (var own in new[] { true, false })
                {
                    var want = pair[own ? 0 : 1];
                    var target = await endpoint.Arrange(own ? CasesFactory.Village : CasesFactory.OtherVillage);
                    var versionBefore = target.CaseId is { } cid ? await VersionAsync(cid) : 0;
                    using var request = new HttpRequestMessage(target.Method, target.Url);
                    if (target.Content is not null) request.Content = target.Content();
                    else if (target.Body is not null) request.Content = JsonContent.Create(target.Body);
                    using var response = await clients[RoleOrder[r]].SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    var got = ((int)response.StatusCode).ToString();
                    if (want is "in" or "out" && response.StatusCode == HttpStatusCode.OK)
                    {
                        var listed = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray()
                            .Any(i => i.GetProperty("id").GetGuid() == target.ListedId);
                        got = listed ? "in" : "out";
                    }
                    cells++;
                    var cell = $"{endpoint.Name} × {RoleOrder[r]} × {(own ? "own" : "foreign")}";
                    if (got != want) failures.AppendLine($"{cell}: expected {want}, got {got} {text[..Math.Min(text.Length, 160)]}");
                    else if (target.CaseId is { } changed && !want.StartsWith('2') && await VersionAsync(changed) != versionBefore)
                        failures.AppendLine($"{cell}: refused with {got} but the case changed");
                }
            }
        }
        Assert.Equal(32 * 7 * 2, cells); // 24 case endpoints (every route of the case service, the ID-number search apart) + 5 risk-register + 3 ledger-import endpoints
        Assert.True(failures.Length == 0, failures.ToString());
    }
}

[Collection(CasesCollection.Name)]
public sealed class OpenApiTests(CasesFixture fixture)
{
    [Fact]
    public async Task Every_operation_has_a_summary_and_a_description()
    {
        using var client = fixture.Factory.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var missing = new List<string>();
        var operations = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                operations++;
                foreach (var field in new[] { "summary", "description" })
                    if (!op.Value.TryGetProperty(field, out var text) || string.IsNullOrWhiteSpace(text.GetString()))
                        missing.Add($"{op.Name.ToUpperInvariant()} {path.Name}: no {field}");
            }
        Assert.True(operations >= 30, $"only {operations} operations in the document");
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }
}
