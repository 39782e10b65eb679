using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// <c>intake</c>: the disputes each agency handed in — received in the year, resolved / unresolved / withdrawn / returned in
/// the year each happened, still open, overdue (each case once) — in the summary, the snapshot, the CSV (small cells
/// suppressed) and the printable page (a table and a chart). Disputes nobody handed in do not count.
/// </summary>
public sealed class IntakeFigureTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private const int Year = 2007; // no other reporting test writes cases dated in 2007
    private readonly ReportingFactory _f = fixture.Factory;
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s);

    private static CaseRegistered Handed(Guid id, string at, Agency? agency) =>
        new(id, 1, T(at), DateTimeOffset.UtcNow, "N", CaseKind.Dispute, DisputeCategory.Neighbourhood, null, "muer-v01", "muer", "yubei",
            agency switch { Agency.Police => CaseSource.PoliceTransfer, Agency.Court => CaseSource.CourtEntrusted, _ => CaseSource.Application },
            CaseChannel.Online, RiskLevel.Medium, T(at), 2, null, "police-system", null, agency);

    private static CaseOverdue Overdue(Guid id, string dueAt, Guid? referralId = null) =>
        new(id, 1, T(dueAt), DateTimeOffset.UtcNow, referralId is null ? "mediation" : "referral", T(dueAt), referralId, CaseKind.Dispute, "N", "muer-v01", "muer", "yubei");

    [Fact]
    public async Task Handed_in_disputes_count_by_agency_and_step_in_every_form_of_the_report()
    {
        var now = DateTimeOffset.UtcNow;
        var police = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var court = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        var own = Guid.NewGuid();
        var events = new List<object>();
        for (var i = 0; i < 5; i++) events.Add(Handed(police[i], $"{Year}-0{i + 2}-01T10:00:00+08:00", Agency.Police));
        events.Add(Handed(police[5], $"{Year - 1}-12-20T10:00:00+08:00", Agency.Police)); // received the year before …
        events.Add(new CaseResolved(police[5], 3, T($"{Year}-01-05T10:00:00+08:00"), now, AgreementType.Written, 500m, false, now)); // … resolved in it
        for (var i = 0; i < 3; i++) events.Add(new CaseResolved(police[i], 3, T($"{Year}-0{i + 3}-15T10:00:00+08:00"), now, AgreementType.Written, null, false, now));
        events.Add(new CaseUnresolved(police[3], 3, T($"{Year}-06-15T10:00:00+08:00"), now, AdvisedRoute.Litigation));
        // police[4] stays open
        for (var i = 0; i < 3; i++) events.Add(Handed(court[i], $"{Year}-08-0{i + 1}T10:00:00+08:00", Agency.Court));
        events.Add(new CaseTransferred(court[0], 2, T($"{Year}-08-10T10:00:00+08:00"), now, Agency.Court)); // returned to the court
        events.Add(new CaseWithdrawn(court[1], 2, T($"{Year}-08-11T10:00:00+08:00"), now));
        // court[2] stays open and went past its 30 days: overdue, counted once although reported twice; a referral's deadline is not the case's
        events.Add(Overdue(court[2], $"{Year}-09-01T23:59:59+08:00"));
        events.Add(Overdue(court[2], $"{Year}-09-01T23:59:59+08:00"));
        events.Add(Overdue(police[4], $"{Year}-09-02T23:59:59+08:00", referralId: Guid.NewGuid()));
        events.Add(Handed(own, $"{Year}-03-01T10:00:00+08:00", null)); // registered by a mediator: not an intake
        events.Add(new CaseResolved(own, 3, T($"{Year}-03-20T10:00:00+08:00"), now, AgreementType.Oral, null, false, now));
        foreach (var e in events) await _f.PublishAsync(e);

        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        var expected = new Dictionary<string, int[]> // received, resolved, unresolved, withdrawn, returned, open, overdue
        {
            ["police"] = [5, 4, 1, 0, 0, 1, 0],
            ["court"] = [3, 0, 0, 1, 1, 1, 1],
            ["petition_office"] = [0, 0, 0, 0, 0, 0, 0],
        };
        string[] columns = ["received", "resolved", "unresolved", "withdrawn", "returned", "open", "overdue"];
        int[] Row(JsonElement i) => columns.Select(k => i.GetProperty(k).GetInt32()).ToArray();
        var figures = await Eventually.ValueAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={Year}&regionCode=muer")).GetProperty("figures"),
            f => expected.All(kv => Row(f.GetProperty("intake").GetProperty(kv.Key)).SequenceEqual(kv.Value))
                && f.GetProperty("disputes").GetProperty("resolved").GetInt32() == 5, TimeSpan.FromSeconds(20), 100); // every event applied
        foreach (var (agency, values) in expected)
            Assert.True(Row(figures.GetProperty("intake").GetProperty(agency)).SequenceEqual(values),
                $"{agency}: expected {string.Join(",", values)}, got {figures.GetProperty("intake").GetProperty(agency)}");
        Assert.Equal(5, figures.GetProperty("disputes").GetProperty("resolved").GetInt32()); // 4 handed in + the mediator's own: all disputes still count

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/annual/{Year}?regionCode=muer");
        var run = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var snapshot = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("figures");
        Assert.Equal(figures.GetProperty("intake").GetRawText(), snapshot.GetProperty("intake").GetRawText());

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/api/reports/annual/{Year}?regionCode=muer&format=csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => (Label: p[1], Value: p[^1]));
        Assert.Equal(("部门移交调解（三调对接）·派出所·接收", "5"), csv["intake.police.received"]);
        Assert.Equal("4", csv["intake.police.resolved"].Value);
        Assert.Equal("3", csv["intake.court.received"].Value);
        Assert.Equal("<3", csv["intake.court.returned"].Value); // published: 1 and 2 are suppressed
        Assert.Equal("0", csv["intake.petition_office.received"].Value);

        var html = await client.GetStringAsync($"/api/reports/annual/{Year}?regionCode=muer&format=html");
        Assert.Contains("部门移交调解（三调对接：警调、诉调、访调）", html);
        Assert.Contains("部门移交调解（三调对接）：接收和化解", html);
        Assert.Contains("<svg", html);
        Assert.True(await _f.WithDbAsync(db => db.CaseFacts.CountAsync(f => f.IntakeAgency == Agency.Court)) >= 3);
    }
}
