using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// 三调对接 both ways, against the four real processes: a police station's system (client credentials) and a court
/// liaison (password) hand disputes in through the gateway, follow them, and are told of each step by signed webhooks to
/// their own local listeners — assigned, completed (resolved, failed, returned), performed. A dispute nobody has room for
/// waits visibly (timeline, supervision list) and is assigned as soon as room frees.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IntakeRoundTripTests(PlatformFixture platform)
{
    private const string WebhookSecret = "intake-webhook-secret-0001";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    private async Task<string> ClientTokenAsync(string clientId, string secret)
    {
        using var client = platform.Client(platform.Gateway);
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private static object Dispute(string externalRef, string village, string? receivedAt = null) => new
    {
        externalRef, regionCode = village, category = "neighbourhood", title = "邻里因排水沟争执", description = "接警后现场劝解，双方同意调解",
        receivedAt,
        parties = new object[]
        {
            new { role = "applicant", kind = "person", name = "刘某", idNumber = "500112198001011234", phone = "13812345678" },
            new { role = "respondent", kind = "person", name = "陈某" },
        },
    };

    /// <summary>The webhook of <paramref name="event"/> for <paramref name="intakeId"/>, checked against its signature.</summary>
    private static async Task<JsonElement> WebhookAsync(WebhookReceiver receiver, string @event, Guid intakeId)
    {
        ReceivedWebhook? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = receiver.Received.FirstOrDefault(r => r.Event == @event && r.Body.Contains(intakeId.ToString(), StringComparison.Ordinal));
            return Task.FromResult(found is not null);
        }, Soon, 100);
        Assert.True(found is not null, $"no {@event} webhook for {intakeId}; received: {string.Join(" | ", receiver.Received.Select(r => r.Event))}");
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(WebhookSecret), System.Text.Encoding.UTF8.GetBytes($"{found!.Timestamp}.{found.Body}")));
        Assert.Equal(expected, found.Signature);
        var body = JsonDocument.Parse(found.Body).RootElement;
        Assert.Equal(@event, body.GetProperty("event").GetString());
        Assert.DoesNotContain("500112198001011234", found.Body);
        Assert.DoesNotContain("13812345678", found.Body);
        return body.GetProperty("intake");
    }

    private static async Task<JsonElement> RecordAsync(HttpClient agency, Guid id, string status)
    {
        var record = await Eventually.ValueAsync(() => agency.GetFromJsonAsync<JsonElement>($"/api/intake/{id}"),
            r => r.GetProperty("status").GetString() == status, Soon, 100);
        Assert.True(record.GetProperty("status").GetString() == status, $"expected {status}: {record}");
        return record;
    }

    [Fact]
    public async Task Police_and_court_hand_disputes_in_follow_them_and_are_told_of_every_step()
    {
        var town = await DemoTown.GetAsync(platform);
        await using var policeHook = await WebhookReceiver.StartAsync(_ => 200);
        await using var courtHook = await WebhookReceiver.StartAsync(_ => 200);
        using var admin = platform.Client(platform.Gateway, town.AdminToken);
        var n = Guid.NewGuid().ToString("N")[..6];
        var village = $"muer-i{n}";
        await DemoTown.Created(admin.PostAsJsonAsync("/api/regions", new { code = village, name = "调解村", kind = "village", parentCode = "muer" }));
        var committee = await DemoTown.Created(admin.PostAsJsonAsync("/api/organizations",
            new { name = $"调委会{n}", kind = "mediation_committee", regionCode = village, servesRegionCodes = new[] { village } }));
        var mediator = await DemoTown.Created(admin.PostAsJsonAsync("/api/mediators", new
        {
            name = "赵调解员", phone = "13800000002", kind = "village", organizationId = committee.GetProperty("id").GetGuid(),
            regionCodes = new[] { village }, specialties = Array.Empty<string>(), maxActiveCases = 2,
        }));
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/organizations/{town.PoliceStationId}",
            new { webhook = new { url = policeHook.Url, secret = WebhookSecret } })).StatusCode);
        var court = await DemoTown.Created(admin.PostAsJsonAsync("/api/organizations", new
        {
            name = $"渝北区人民法院{n}", kind = "court", regionCode = "yubei", servesRegionCodes = new[] { village }, // its own village: other tests route court referrals elsewhere
            webhook = new { url = courtHook.Url, secret = WebhookSecret },
        }));
        var courtId = court.GetProperty("id").GetGuid();
        await DemoTown.Created(admin.PostAsJsonAsync("/api/users", new
        {
            userName = $"judge{n}", password = "Court-liaison-pass-1", displayName = "驻镇法官", roles = new[] { "court_liaison" },
            regionCodes = new[] { "muer" }, organizationId = courtId,
        }));

        using var police = platform.Client(platform.Gateway, await ClientTokenAsync(town.PoliceClientId, town.PoliceClientSecret));
        using var judge = platform.Client(platform.Gateway, await platform.TokenAsync($"judge{n}", "Court-liaison-pass-1"));
        using var supervisor = platform.Client(platform.Cases, TestTokens.Shared.Mint(Roles.Supervisor, ["muer"]));

        // 警调: the station's system hands a dispute in; the directory's copy of the organisation may still be on its way
        HttpResponseMessage handedIn = null!;
        var made = await Eventually.TrueAsync(async () =>
        {
            handedIn = await police.PostAsJsonAsync("/api/intake", Dispute($"J{n}-0001", village));
            return handedIn.StatusCode != HttpStatusCode.Forbidden;
        }, Soon, 200);
        var policeRecord = await handedIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(handedIn.StatusCode == HttpStatusCode.Created, $"{(int)handedIn.StatusCode} {policeRecord}");
        var policeIntake = policeRecord.GetProperty("id").GetGuid();
        var policeCase = policeRecord.GetProperty("case").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync("/api/intake", Dispute($"J{n}-0001", village))).StatusCode); // resent: no second case

        var assigned = await WebhookAsync(policeHook, "intake.assigned", policeIntake);
        Assert.Equal("赵调解员", assigned.GetProperty("case").GetProperty("mediatorName").GetString());
        Assert.Equal("赵调解员", (await RecordAsync(police, policeIntake, "assigned")).GetProperty("case").GetProperty("mediatorName").GetString());

        (await supervisor.PostAsJsonAsync($"/api/cases/{policeCase}/start-mediation", new { })).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync($"/api/cases/{policeCase}/resolve", new
        {
            agreementType = "written", agreementSummary = "陈某三日内疏通排水沟", amountAgreed = 300, escalationPrevented = true,
        })).EnsureSuccessStatusCode();
        var completed = await WebhookAsync(policeHook, "intake.completed", policeIntake);
        Assert.Equal(("resolved", "written"), (completed.GetProperty("outcome").GetProperty("result").GetString(), completed.GetProperty("outcome").GetProperty("agreementType").GetString()));
        (await supervisor.PostAsJsonAsync($"/api/cases/{policeCase}/follow-ups", new { performed = true, satisfied = true, note = "已疏通" })).EnsureSuccessStatusCode();
        var performed = await WebhookAsync(policeHook, "intake.performed", policeIntake); // Art. 186: a performed agreement, no 治安 penalty
        Assert.True(performed.GetProperty("outcome").GetProperty("performedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        // another station's system (of another town: a second station serving 木耳镇 would take the other tests' referrals) cannot see it
        var otherTown = $"gulu{n}";
        await DemoTown.Created(admin.PostAsJsonAsync("/api/regions", new { code = otherTown, name = "古路镇", kind = "town", parentCode = "yubei" }));
        await DemoTown.Created(admin.PostAsJsonAsync("/api/clients", new
        {
            clientId = $"gulu-police-{n}", clientSecret = "gulu-police-secret-0001", displayName = "古路派出所", roles = new[] { "police_liaison" },
            regionCodes = new[] { otherTown }, organizationId = (await DemoTown.Created(admin.PostAsJsonAsync("/api/organizations",
                new { name = $"古路派出所{n}", kind = "police_station", regionCode = otherTown, servesRegionCodes = new[] { otherTown } }))).GetProperty("id").GetGuid(),
        }));
        using var otherStation = platform.Client(platform.Gateway, await ClientTokenAsync($"gulu-police-{n}", "gulu-police-secret-0001"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherStation.GetAsync($"/api/intake/{policeIntake}")).StatusCode);

        // 诉调 委派: the court's 30 days on the 2021 calendar (1 Sep + 30 = 1 Oct, 国庆 → 8 Oct), then a failure goes back to the court
        var courtResponse = await judge.PostAsJsonAsync("/api/intake", Dispute($"(2021)渝0112民诉前调{n}号", village, "2021-09-01T10:00:00+08:00"));
        var courtRecord = await courtResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(courtResponse.StatusCode == HttpStatusCode.Created, courtRecord.ToString());
        Assert.Equal(("court", DateTimeOffset.Parse("2021-10-08T23:59:59+08:00")), (courtRecord.GetProperty("agency").GetString(), courtRecord.GetProperty("dueAt").GetDateTimeOffset()));
        var courtIntake = courtRecord.GetProperty("id").GetGuid();
        var courtCase = courtRecord.GetProperty("case").GetProperty("id").GetGuid();
        await RecordAsync(judge, courtIntake, "assigned");
        (await supervisor.PostAsJsonAsync($"/api/cases/{courtCase}/start-mediation", new { occurredAt = "2021-09-02T10:00:00+08:00" })).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync($"/api/cases/{courtCase}/fail", new { reason = "被申请人不同意调解", advisedRoute = "litigation", occurredAt = "2021-09-10T10:00:00+08:00" })).EnsureSuccessStatusCode();
        var failed = await WebhookAsync(courtHook, "intake.completed", courtIntake);
        Assert.Equal(("unresolved", "被申请人不同意调解", "litigation"), (failed.GetProperty("outcome").GetProperty("result").GetString(),
            failed.GetProperty("outcome").GetProperty("reason").GetString(), failed.GetProperty("outcome").GetProperty("advisedRoute").GetString()));
        Assert.DoesNotContain(policeHook.Received, r => r.Body.Contains(courtIntake.ToString(), StringComparison.Ordinal)); // only the court is told

        // a return to the police: the record says returned, the station is told
        var second = await (await police.PostAsJsonAsync("/api/intake", Dispute($"J{n}-0002", village))).Content.ReadFromJsonAsync<JsonElement>();
        var secondIntake = second.GetProperty("id").GetGuid();
        (await supervisor.PostAsJsonAsync($"/api/cases/{second.GetProperty("case").GetProperty("id").GetGuid()}/return",
            new { reason = "涉嫌寻衅滋事，不宜调解（防止民转刑）" })).EnsureSuccessStatusCode();
        Assert.Equal("returned", (await WebhookAsync(policeHook, "intake.completed", secondIntake)).GetProperty("status").GetString());
        await RecordAsync(police, secondIntake, "returned");
        Assert.True(made);
    }

    [Fact]
    public async Task A_dispute_nobody_has_room_for_waits_visibly_and_is_assigned_when_room_frees()
    {
        var town = await DemoTown.GetAsync(platform);
        using var admin = platform.Client(platform.Gateway, town.AdminToken);
        var n = Guid.NewGuid().ToString("N")[..6];
        var village = $"muer-w{n}";
        await DemoTown.Created(admin.PostAsJsonAsync("/api/regions", new { code = village, name = "候调村", kind = "village", parentCode = "muer" }));
        var committee = await DemoTown.Created(admin.PostAsJsonAsync("/api/organizations",
            new { name = $"调委会{n}", kind = "mediation_committee", regionCode = village, servesRegionCodes = new[] { village } }));
        var mediatorId = (await DemoTown.Created(admin.PostAsJsonAsync("/api/mediators", new
        {
            name = "钱调解员", phone = "13800000003", kind = "village", organizationId = committee.GetProperty("id").GetGuid(),
            regionCodes = new[] { village }, specialties = Array.Empty<string>(), maxActiveCases = 1,
        }))).GetProperty("id").GetGuid();
        using var supervisor = platform.Client(platform.Cases, TestTokens.Shared.Mint(Roles.Supervisor, ["muer"]));
        var usable = await Eventually.TrueAsync(async () => !(await (await supervisor.PostAsJsonAsync("/api/cases", new { kind = "dispute", regionCode = village }))
            .Content.ReadAsStringAsync()).Contains("not in the directory"), Soon, 100);
        Assert.True(usable, "the village never reached the case service");

        var busy = (await DemoTown.Created(supervisor.PostAsJsonAsync("/api/cases", DemoTown.Dispute(village, "先到的纠纷")))).GetProperty("id").GetGuid();
        var busyCase = await Eventually.ValueAsync(() => supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{busy}"),
            c => c.GetProperty("status").GetString() == "assigned", Soon, 100);
        Assert.Equal(mediatorId, busyCase.GetProperty("assignedMediatorId").GetGuid());
        var waiting = (await DemoTown.Created(supervisor.PostAsJsonAsync("/api/cases", DemoTown.Dispute(village, "后到的纠纷")))).GetProperty("id").GetGuid();

        var supervision = await Eventually.ValueAsync(() => supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/supervision?regionCode={village}"),
            s => s.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("caseId").GetGuid() == waiting), Soon, 100);
        var item = supervision.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("caseId").GetGuid() == waiting);
        Assert.Equal(("awaiting_mediator", "mediation"), (item.GetProperty("type").GetString(), item.GetProperty("deadline").GetString()));
        var timeline = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{waiting}/timeline");
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("action").GetString() == "awaiting_mediator");
        Assert.Equal("registered", (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{waiting}")).GetProperty("status").GetString());

        (await supervisor.PostAsJsonAsync($"/api/cases/{busy}/withdraw", new { reason = "当事人撤回" })).EnsureSuccessStatusCode();
        var taken = await Eventually.ValueAsync(() => supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{waiting}"),
            c => c.GetProperty("status").GetString() == "assigned", Soon, 100);
        Assert.True(taken.GetProperty("status").GetString() == "assigned", $"the waiting dispute was not assigned when room freed: {taken}");
        Assert.Equal(mediatorId, taken.GetProperty("assignedMediatorId").GetGuid());
        var after = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/supervision?regionCode={village}");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("type").GetString() == "awaiting_mediator");
    }
}
