using System.Net;
using System.Net.Http.Json;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// Personal data that does not outlive its purpose (个人信息保护法 Art. 19, 47; ADR 0024), against its own database (the
/// job would otherwise reach other tests' old cases): a dry run lists exactly the expired cases and changes nothing; the
/// run removes names, ID numbers, phones and addresses, keeps the case, its status and its timeline, notes it on the
/// timeline and in the audit trail, and anonymises issued documents too.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class RetentionTests
{
    [Fact]
    public async Task Expired_parties_lose_their_personal_data_after_a_dry_run_that_changed_nothing_and_the_rest_is_kept()
    {
        await using var f = await CasesFactory.StartAsync();
        await f.SeedRegionsAsync();
        using var admin = f.ClientWithToken(TestTokens.Shared.Mint(Roles.Admin, subject: "admin-retention"));

        async Task<Guid> DisputeAsync(string receivedAt, string? agreement, string endedAt)
        {
            var id = (await Expect(admin.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(receivedAt: receivedAt)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await Expect(admin.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { occurredAt = receivedAt }));
            if (agreement is null) await Expect(admin.PostAsJsonAsync($"/api/cases/{id}/fail", new { reason = "调解不成", advisedRoute = "litigation", occurredAt = endedAt }));
            else await Expect(admin.PostAsJsonAsync($"/api/cases/{id}/resolve", new { agreementType = agreement, agreementSummary = "协议", occurredAt = endedAt }));
            return id;
        }
        var expired = await DisputeAsync("2012-03-01T09:00:00+08:00", null, "2012-03-20T10:00:00+08:00");          // ended 2012: kept 10 years
        var oral = await DisputeAsync("2013-05-01T09:00:00+08:00", "oral", "2013-05-20T10:00:00+08:00");            // ended 2013: kept 10 years
        var written = await DisputeAsync("2012-04-01T09:00:00+08:00", "written", "2012-04-20T10:00:00+08:00");      // a written agreement: 30 years
        var recent = await DisputeAsync("2024-04-01T09:00:00+08:00", null, "2024-04-20T10:00:00+08:00");            // ended 2024
        var open = (await Expect(admin.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(receivedAt: "2012-01-05T09:00:00+08:00")), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var supervisor = f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        await Expect(supervisor.PostAsync($"/api/cases/{oral}/documents/oral_agreement_record/issue", null), HttpStatusCode.Created);
        Assert.Contains("张某", await supervisor.GetStringAsync($"/api/cases/{oral}/documents/oral_agreement_record?format=html"));

        var dry = await Expect(admin.PostAsync("/api/admin/retention?dryRun=true", null));
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal([expired, oral], dry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetGuid()));
        Assert.Equal(4, dry.GetProperty("parties").GetInt32());
        Assert.All(await f.WithDbAsync(db => db.Parties.AsNoTracking().ToListAsync()), p => Assert.Null(p.AnonymisedAt));

        var run = await Expect(admin.PostAsync("/api/admin/retention?dryRun=false", null));
        Assert.Equal((false, 2, 4), (run.GetProperty("dryRun").GetBoolean(), run.GetProperty("cases").GetInt32(), run.GetProperty("parties").GetInt32()));
        var parties = await f.WithDbAsync(db => db.Parties.AsNoTracking().ToListAsync());
        foreach (var p in parties.Where(p => p.CaseId == expired || p.CaseId == oral))
        {
            Assert.Matches("^当事人[0-9]+（已匿名）$", p.Name);
            Assert.True(p.IdNumberEncrypted is null && p.IdNumberHash is null && p.IdNumberMasked is null && p.PhoneEncrypted is null && p.PhoneHash is null && p.Address is null);
        }
        Assert.All(parties.Where(p => p.CaseId != expired && p.CaseId != oral), p => Assert.Null(p.AnonymisedAt));
        Assert.Contains(parties, p => p.CaseId == written && p.Name == "张某");
        Assert.Equal(1, run.GetProperty("issuedDocuments").GetInt32());
        var reprint = await supervisor.GetStringAsync($"/api/cases/{oral}/documents/oral_agreement_record?format=html");
        Assert.DoesNotContain("张某", reprint);
        Assert.Contains("当事人1（已匿名）", reprint);

        // the case, its status and its history stay; the removal is on the timeline and in the audit trail
        var c = await Expect(admin.GetAsync($"/api/cases/{expired}"));
        Assert.Equal("unresolved", c.GetProperty("status").GetString());
        var timeline = await Expect(admin.GetAsync($"/api/cases/{expired}/timeline"));
        var actions = timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["registered", "mediation_started", "failed"], actions.Take(3)); // the history stays (with the repeat-matter notices)
        Assert.Equal("personal_data_removed", actions[^1]);
        using var auditor = f.ClientWithToken(TestTokens.Shared.Mint(Roles.Auditor));
        var trail = await Expect(auditor.GetAsync("/api/audit?kind=retention_anonymised"));
        Assert.Equal([oral.ToString(), expired.ToString()], trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("target").GetString()));
        Assert.Null((await f.WithDbAsync(db => AuditTrail.VerifyAsync(db, CancellationToken.None))).FirstBroken);
        var found = await Expect(supervisor.GetAsync("/api/cases?idNumber=500112198001011234&purpose=核对重复来访&pageSize=200"));
        Assert.DoesNotContain(found.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == expired);

        var again = await Expect(admin.PostAsync("/api/admin/retention?dryRun=false", null));
        Assert.Equal(0, again.GetProperty("cases").GetInt32());
        _ = (recent, open);
    }
}
