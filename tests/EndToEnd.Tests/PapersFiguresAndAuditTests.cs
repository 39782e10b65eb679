using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// Wave 3 across the four real processes and the broker, through the gateway: a session recorded in the mediator service
/// reaches the case service's 调解记录, the agreement prints as a PDF, the month's statistics form counts what the
/// agreement prevented, and the unmasked read shows up in the audit trail the gateway merges from the case service.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PapersFiguresAndAuditTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_mediators_day_ends_in_a_printed_record_and_agreement_counted_in_the_months_form_and_audited()
    {
        var town = await DemoTown.GetAsync(platform);
        using var mediator = platform.Client(platform.Gateway, town.MediatorToken);
        var created = await DemoTown.Created(mediator.PostAsJsonAsync("/api/cases", DemoTown.Dispute(town.Village, "文书端到端纠纷")));
        var id = created.GetProperty("id").GetGuid();
        var assigned = await Eventually.ValueAsync(() => mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{id}"),
            c => c.GetProperty("status").GetString() == "assigned", TimeSpan.FromSeconds(10), 100);
        Assert.Equal("assigned", assigned.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { })).StatusCode);

        var now = DateTimeOffset.UtcNow;
        var session = await DemoTown.Created(mediator.PostAsJsonAsync("/api/sessions", new
        {
            caseId = id, mediatorIds = new[] { town.MediatorId }, startsAt = now.AddHours(-2), endsAt = now.AddHours(-1), location = "金刚村调解室",
        }));
        var recorded = await mediator.PostAsJsonAsync($"/api/sessions/{session.GetProperty("id").GetGuid()}/record",
            new { held = true, attendeeCount = 3, summary = "双方陈述后同意由李某赔偿" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        // a second session, moved and then called off: the mediator service publishes each step (with its own broker user's
        // rights) and the case's timeline notes it
        var second = (await DemoTown.Created(mediator.PostAsJsonAsync("/api/sessions", new
        {
            caseId = id, mediatorIds = new[] { town.MediatorId }, startsAt = now.AddDays(3), endsAt = now.AddDays(3).AddHours(1),
        }))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsJsonAsync($"/api/sessions/{second}/reschedule",
            new { startsAt = now.AddDays(4), endsAt = now.AddDays(4).AddHours(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsJsonAsync($"/api/sessions/{second}/cancel", new { reason = "当事人外出" })).StatusCode);
        string[] sessionSteps = ["session_scheduled", "session_scheduled", "session_rescheduled", "session_cancelled"];
        var noted = await Eventually.ValueAsync(async () => (await mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline")).EnumerateArray()
                .Select(e => e.GetProperty("action").GetString()!).Where(a => a.StartsWith("session_", StringComparison.Ordinal)).Order().ToArray(),
            a => a.SequenceEqual(sessionSteps.Order()), TimeSpan.FromSeconds(10), 100);
        Assert.True(noted.SequenceEqual(sessionSteps.Order()), $"the case's timeline should note both bookings, the move and the cancellation "
            + $"within 10 s; it has [{string.Join(", ", noted)}]");
        var resolved = await mediator.PostAsJsonAsync($"/api/cases/{id}/resolve", new
        {
            agreementType = "written", agreementSummary = "李某赔偿张某", amountAgreed = 1500,
            obligations = new[] { new { party = 1, what = "向张某支付赔偿款", amount = 1500 } },
            prevented = new[] { new { kind = "group_petition", persons = 7 } },
        });
        Assert.True(resolved.IsSuccessStatusCode, await resolved.Content.ReadAsStringAsync());

        // the session's record came through the broker: the 调解记录 exists and prints it
        var documents = await Eventually.ValueAsync(() => mediator.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/documents"),
            d => d.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "session_record" && x.GetProperty("available").GetBoolean()), TimeSpan.FromSeconds(10), 100);
        Assert.True(documents.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "session_record").GetProperty("available").GetBoolean(), documents.ToString());
        var record = await mediator.GetStringAsync($"/api/cases/{id}/documents/session_record?format=html");
        Assert.Contains("双方陈述后同意由李某赔偿", record);
        Assert.Contains("金刚村调解室", record);
        using var pdf = await mediator.GetAsync($"/api/cases/{id}/documents/agreement");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));

        // the month's statistics form counts what the agreement prevented (persons), in the CST month it was reached
        var cst = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var from = new DateOnly(cst.Year, cst.Month, 1);
        using var statistician = platform.Client(platform.Gateway, TestTokens.Shared.Mint(Roles.Statistician));
        var form = await Eventually.ValueAsync(() => statistician.GetFromJsonAsync<JsonElement>(
                $"/api/reports/statistics?regionCode=muer&from={from:yyyy-MM-dd}&to={from.AddMonths(1):yyyy-MM-dd}"),
            f => f.GetProperty("total").GetProperty("columns").GetProperty("total").GetProperty("preventedGroupPetitionPersons").GetInt32() >= 7,
            TimeSpan.FromSeconds(10), 100);
        var total = form.GetProperty("total").GetProperty("columns").GetProperty("total");
        Assert.True(total.GetProperty("preventedGroupPetitionPersons").GetInt32() >= 7 && total.GetProperty("amountAgreed").GetDecimal() >= 1500, total.ToString());

        // an unmasked read in the case service, seen in the trail the gateway merges
        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync($"/api/cases/{id}/parties?purpose=签署协议核对身份")).StatusCode);
        using var admin = platform.Client(platform.Gateway, town.AdminToken);
        var reads = await admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=unmasked_read&pageSize=100");
        Assert.Empty(reads.GetProperty("unavailable").EnumerateArray());
        Assert.Contains(reads.GetProperty("items").EnumerateArray(), e => e.GetProperty("service").GetString() == "cases" && e.GetProperty("target").GetString() == id.ToString());
        Assert.Equal(HttpStatusCode.OK, (await statistician.GetAsync($"/api/reports/statistics?regionCode=muer&from={from:yyyy-MM-dd}&to={from.AddMonths(1):yyyy-MM-dd}&format=csv")).StatusCode);
        var exports = await admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=export&pageSize=20");
        Assert.Contains(exports.GetProperty("items").EnumerateArray(), e => e.GetProperty("service").GetString() == "reporting" && e.GetProperty("target").GetString() == "muer");
        var signIns = await admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=sign_in&pageSize=5");
        Assert.NotEmpty(signIns.GetProperty("items").EnumerateArray());
        Assert.All(signIns.GetProperty("items").EnumerateArray(), e => Assert.Equal("gateway", e.GetProperty("service").GetString()));
    }
}
