using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// The papers the law asks for (api.md "Documents"), read as the people who print them would: the PDF's own text
/// (Debian's pdftotext) must carry every element the law names, every font must be embedded (pdffonts), personal data is
/// masked unless unmasked with a purpose (and logged), an issued version is what a reprint gives even after a
/// correction, and a foreign case is 404.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class DocumentTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;
    private HttpClient Supervisor(string subject = "doc-sup") => _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town], subject: subject));

    /// <summary>A written agreement with two terms, one session, one follow-up that found the first term performed.</summary>
    private async Task<(Guid Id, string Number, Guid MediatorId)> ResolvedDisputeAsync(string source = "application", string title = "邻里排水沟纠纷")
    {
        using var supervisor = Supervisor();
        var mediatorId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await _f.PublishAsync(new MediatorRegistered(mediatorId, "王调解", MediatorKind.Village, Guid.NewGuid(), [CasesFactory.Village], true, now));
        var body = JsonSerializer.SerializeToElement(RegistrationTests.Dispute(receivedAt: "2021-03-10T09:00:00+08:00"));
        var registration = JsonSerializer.Deserialize<Dictionary<string, object?>>(body.GetRawText())!;
        registration["source"] = source;
        registration["title"] = title;
        var created = await Expect(supervisor.PostAsJsonAsync("/api/cases", registration), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await _f.PublishAsync(new MediatorAssigned(id, Guid.NewGuid(), mediatorId, null, true, "village_committee", created.GetProperty("receivedAt").GetDateTimeOffset(), now));
        var assigned = await Eventually.ValueAsync(() => supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}"),
            c => c.GetProperty("status").GetString() == "assigned", TimeSpan.FromSeconds(15));
        Assert.Equal("assigned", assigned.GetProperty("status").GetString());
        using var mediator = Mediator(mediatorId);
        await Expect(mediator.PostAsJsonAsync($"/api/cases/{id}/start-mediation", new { occurredAt = "2021-03-11T09:00:00+08:00" }));
        await _f.PublishAsync(new SessionHeld(Guid.NewGuid(), id, true, 4, CasesFactory.Village, CasesFactory.Town, CasesFactory.District, "mediator",
            DateTimeOffset.Parse("2021-03-12T11:00:00+08:00"), now, DateTimeOffset.Parse("2021-03-12T09:00:00+08:00"), "金刚村调解室", [mediatorId],
            "双方陈述了排水沟堵塞的经过，同意共同清理并由李某赔偿损失"));
        var sessions = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Sessions.CountAsync(s => s.CaseId == id)), n => n == 1, TimeSpan.FromSeconds(15));
        Assert.Equal(1, sessions);
        await Expect(mediator.PostAsJsonAsync($"/api/cases/{id}/resolve", new
        {
            agreementType = "written", agreementSummary = "李某赔偿张某损失并共同清理排水沟", amountAgreed = 500,
            performanceDueAt = "2021-04-30T18:00:00+08:00", occurredAt = "2021-03-12T11:30:00+08:00",
            obligations = new object[]
            {
                new { party = 1, what = "向张某支付排水沟堵塞造成的损失赔偿款", amount = 500, dueAt = "2021-03-31T18:00:00+08:00" },
                new { party = 0, what = "与李某共同清理排水沟", dueAt = "2021-04-30T18:00:00+08:00" },
            },
        }));
        await Expect(mediator.PostAsJsonAsync($"/api/cases/{id}/follow-ups", new
        {
            performed = true, satisfied = true, note = "赔偿款已付清，排水沟尚待清理", occurredAt = "2021-04-02T10:00:00+08:00", performedObligations = new[] { 0 },
        }));
        return (id, created.GetProperty("number").GetString()!, mediatorId);
    }

    private HttpClient Mediator(Guid mediatorId, string subject = "doc-med") =>
        _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Town], subject: subject, mediatorId: mediatorId));

    [Fact]
    public async Task The_agreement_prints_every_element_of_Art_29_with_its_terms_masked_by_default_and_unmasked_only_with_a_purpose_that_is_logged()
    {
        var (id, number, mediatorId) = await ResolvedDisputeAsync();
        using var mediator = Mediator(mediatorId);

        var list = await Expect(mediator.GetAsync($"/api/cases/{id}/documents"));
        var available = list.EnumerateArray().ToDictionary(d => d.GetProperty("kind").GetString()!, d => d.GetProperty("available").GetBoolean());
        Assert.True(available["agreement"] && available["judicial_confirmation_application"] && available["session_record"]
            && available["follow_up_record"] && available["application"] && available["case_file"], list.ToString());
        Assert.False(available["oral_agreement_record"] || available["closing_report"], list.ToString());
        Assert.DoesNotContain("acceptance_notice", available.Keys);

        // the terms are fields on the case, and the follow-up found the first performed
        var c = await Expect(mediator.GetAsync($"/api/cases/{id}"));
        var terms = c.GetProperty("outcome").GetProperty("obligations");
        Assert.Equal(2, terms.GetArrayLength());
        Assert.Equal(1, terms[0].GetProperty("party").GetInt32());
        Assert.Equal(JsonValueKind.String, terms[0].GetProperty("performedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, terms[1].GetProperty("performedAt").ValueKind);

        var pdf = await mediator.GetAsync($"/api/cases/{id}/documents/agreement?format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        var text = await Pdf.TextAsync(bytes);
        var sequence = int.Parse(number.Split('-')[^1]);
        foreach (var element in new[]
                 {
                     "人民调解协议书", $"（2021）木人调字第{sequence}号", // title and file number from the case number
                     "张某", "李某", "申请人", "被申请人", // the parties
                     "纠纷主要事实、争议事项", "两户因排水沟堵塞发生争执", // the facts and disputed matters
                     "经调解，自愿达成如下协议", "向张某支付排水沟堵塞造成的损失赔偿款", "人民币500.00元", "2021年3月31日前", "与李某共同清理排水沟", // what was agreed
                     "履行方式、时限", "2021年4月30日前", // how and by when
                     "具有法律约束力", "第三十一条", "三十日内", "第三十三条", "第一百九十四条", // 2021: 民事诉讼法 (2017) Art. 194
                     "人民调解员", "王调解", "金刚村人民调解委员会", "印章", "签名", // signature and seal blocks
                     "2021年3月12日", "个人信息已脱敏",
                 })
            Assert.True(Pdf.Contains(text, element), $"the agreement's PDF lacks '{element}'; its text was:\n{text}");
        Assert.False(Pdf.Contains(text, "500112198001011234"), "a masked document shows the full ID number:\n" + text);
        Assert.False(Pdf.Contains(text, "13812345678"), "a masked document shows the full phone:\n" + text);
        // chromium embeds the Noto CJK glyphs it used (as Type 3 fonts, from the OpenType collection) with a Unicode map,
        // so the PDF prints the same anywhere and its text can be searched and copied
        var fonts = await Pdf.FontsAsync(bytes);
        Assert.True(fonts.Count > 0 && fonts.All(f => f.Embedded && f.Unicode), "every font of the PDF is embedded, with a Unicode map: " + string.Join("; ", fonts));

        // unmasked: only with a purpose, only for those who may, and logged
        var unmasked = await Pdf.TextAsync(await (await mediator.GetAsync($"/api/cases/{id}/documents/agreement?purpose=当事人签署协议")).Content.ReadAsByteArrayAsync());
        Assert.True(Pdf.Contains(unmasked, "500112198001011234") && Pdf.Contains(unmasked, "13812345678"), unmasked);
        using var otherMediator = Mediator(Guid.NewGuid(), "other-med");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherMediator.GetAsync($"/api/cases/{id}/documents/agreement?purpose=随便看一看")).StatusCode);
        using var foreign = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.OtherTown]));
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/cases/{id}/documents/agreement?format=html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/cases/{id}/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.PostAsync($"/api/cases/{id}/documents/agreement/issue", null)).StatusCode);
        using var supervisor = Supervisor();
        var log = await Expect(supervisor.GetAsync($"/api/access-log?caseId={id}"));
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "document");
        Assert.Equal("doc-med", entry.GetProperty("userId").GetString());
        Assert.Equal("agreement: 当事人签署协议", entry.GetProperty("purpose").GetString());

        // bad input changes nothing and says what was wrong
        var problem = await Expect(mediator.GetAsync($"/api/cases/{id}/documents/agreemnt"), HttpStatusCode.BadRequest);
        Assert.Contains("kind", ErrorFields(problem));
        Assert.Contains("format", ErrorFields(await Expect(mediator.GetAsync($"/api/cases/{id}/documents/agreement?format=docx"), HttpStatusCode.BadRequest)));
        var conflict = await Expect(mediator.GetAsync($"/api/cases/{id}/documents/oral_agreement_record?format=html"), HttpStatusCode.Conflict);
        Assert.Equal("resolved", conflict.GetProperty("currentStatus").GetString());
    }

    [Fact]
    public async Task An_issued_document_is_reprinted_as_issued_after_a_correction_and_a_new_issue_makes_version_2()
    {
        var (id, _, mediatorId) = await ResolvedDisputeAsync();
        using var mediator = Mediator(mediatorId);
        using var stranger = Mediator(Guid.NewGuid(), "stranger");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/cases/{id}/documents/agreement/issue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await mediator.PostAsync($"/api/cases/{id}/documents/closing_report/issue", null)).StatusCode);

        var versionBefore = (await Expect(mediator.GetAsync($"/api/cases/{id}"))).GetProperty("version").GetInt32();
        var first = await Expect(mediator.PostAsync($"/api/cases/{id}/documents/agreement/issue", null), HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", first.GetProperty("contentHash").GetString()!);
        var again = await Expect(mediator.PostAsync($"/api/cases/{id}/documents/agreement/issue", null));
        Assert.Equal(1, again.GetProperty("version").GetInt32());
        Assert.Equal(versionBefore, (await Expect(mediator.GetAsync($"/api/cases/{id}"))).GetProperty("version").GetInt32());
        var timeline = await Expect(mediator.GetAsync($"/api/cases/{id}/timeline"));
        var issuedEntry = Assert.Single(timeline.EnumerateArray(), e => e.GetProperty("action").GetString() == "document_issued");
        Assert.Contains(first.GetProperty("contentHash").GetString()!, issuedEntry.GetProperty("details").ToString());

        // a correction of the case does not change what was issued
        using var supervisor = Supervisor();
        var etag = (await supervisor.GetAsync($"/api/cases/{id}")).Headers.ETag!.Tag;
        await Expect(supervisor.PatchAsJsonAsync($"/api/cases/{id}", new { description = "两户因排水沟堵塞发生争执（更正：堵塞系施工所致）" }, etag));
        var reprint = await mediator.GetAsync($"/api/cases/{id}/documents/agreement?format=html");
        var reprinted = await reprint.Content.ReadAsStringAsync();
        Assert.Equal("1", reprint.Headers.GetValues("X-Document-Version").Single());
        Assert.Contains("两户因排水沟堵塞发生争执", reprinted);
        Assert.DoesNotContain("堵塞系施工所致", reprinted);
        Assert.Contains(first.GetProperty("contentHash").GetString()!, reprinted);

        var second = await Expect(mediator.PostAsync($"/api/cases/{id}/documents/agreement/issue", null), HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.NotEqual(first.GetProperty("contentHash").GetString(), second.GetProperty("contentHash").GetString());
        Assert.Contains("堵塞系施工所致", await mediator.GetStringAsync($"/api/cases/{id}/documents/agreement?format=html"));
        Assert.DoesNotContain("堵塞系施工所致", await mediator.GetStringAsync($"/api/cases/{id}/documents/agreement?format=html&version=1"));
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.GetAsync($"/api/cases/{id}/documents/agreement?format=html&version=3")).StatusCode);
        var list = await Expect(mediator.GetAsync($"/api/cases/{id}/documents"));
        Assert.Equal(2, list.EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "agreement").GetProperty("issuedVersion").GetInt32());
        // an issued version stores the ID number sealed, never in clear
        var stored = await _f.WithDbAsync(db => db.IssuedDocuments.Where(d => d.CaseId == id).Select(d => d.Data).ToListAsync());
        Assert.All(stored, data => Assert.DoesNotContain("500112198001011234", data));
    }

    [Fact]
    public async Task The_case_file_has_a_cover_every_document_in_order_and_the_timeline_and_the_court_gets_its_closing_report()
    {
        var (id, number, mediatorId) = await ResolvedDisputeAsync(source: "court_entrusted");
        using var mediator = Mediator(mediatorId);
        var report = await Pdf.TextAsync(await (await mediator.GetAsync($"/api/cases/{id}/documents/closing_report")).Content.ReadAsByteArrayAsync());
        foreach (var element in new[] { "委派调解结案报告", "调解成功", "协议内容", "向张某支付排水沟堵塞造成的损失赔偿款", "司法确认", "第二十六条", "第二十七条", "2021年4月9日前" })
            Assert.True(Pdf.Contains(report, element), $"the closing report lacks '{element}':\n{report}");

        var watch = Stopwatch.StartNew();
        var file = await mediator.GetAsync($"/api/cases/{id}/documents/case_file");
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var text = await Pdf.TextAsync(await file.Content.ReadAsByteArrayAsync());
        string[] inOrder = ["人民调解卷宗", "保管期限", "30年", "卷内目录", "人民调解申请书", "人民调解协议书", "人民调解记录", "金刚村调解室", "双方陈述了排水沟堵塞的经过",
            "人民调解回访记录", "第1项", "司法确认申请书", "委派调解结案报告", "案件办理过程记录", "登记", "调解成功", "回访"];
        var at = 0;
        foreach (var element in inOrder)
        {
            var found = Pdf.IndexOf(text, element, at);
            Assert.True(found >= 0, $"the 卷宗 lacks '{element}' after position {at} (generated in {watch.ElapsedMilliseconds} ms):\n{text}");
            at = found;
        }
        Assert.True(Pdf.Contains(text, $"（2021）木人调字第{int.Parse(number.Split('-')[^1])}号"), text);
    }

    [Fact]
    public async Task Petition_notices_and_opinions_cite_the_law_in_force_and_its_deadlines_on_the_real_2021_calendar()
    {
        using var officer = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PetitionOfficer, [CasesFactory.Town], subject: "officer-docs"));
        var created = await Expect(officer.PostAsJsonAsync("/api/cases", new
        {
            kind = "petition", petitionType = "suggestion", title = "建议修缮村道", description = "村道破损，雨天难行", category = "other",
            regionCode = CasesFactory.Village, source = "application", channel = "letter", riskLevel = "low", receivedAt = "2021-09-10T09:00:00+08:00",
            parties = new object[] { new { role = "applicant", kind = "person", name = "赵某", idNumber = "500112198001011234" } },
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var list = await Expect(officer.GetAsync($"/api/cases/{id}/documents"));
        Assert.False(list.EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "acceptance_notice").GetProperty("available").GetBoolean());
        await Expect(officer.PostAsJsonAsync($"/api/cases/{id}/accept", new { occurredAt = "2021-09-16T10:00:00+08:00" }));

        var notice = await Pdf.TextAsync(await (await officer.GetAsync($"/api/cases/{id}/documents/acceptance_notice")).Content.ReadAsByteArrayAsync());
        // accepted 2021-09-16 → concluded within 60 days: by 2021-11-15 (信访条例 2005 Art. 33: every type of matter)
        foreach (var element in new[] { "信访事项受理告知书", "赵某", "2021年9月10日", "2021年9月16日", "2021年11月15日", "六十日", "《信访条例》（2005年）第三十三条", "三十日", "木耳镇" })
            Assert.True(Pdf.Contains(notice, element), $"the acceptance notice lacks '{element}':\n{notice}");
        Assert.True(Pdf.Contains(notice, "（2021）木信字第"), notice);

        await Expect(officer.PostAsJsonAsync($"/api/cases/{id}/conclude", new
        {
            opinion = "explain", summary = "村道修缮已列入下一年度计划", occurredAt = "2021-11-01T10:00:00+08:00", deliveredAt = "2021-11-03T10:00:00+08:00",
        }));
        var opinion = await Pdf.TextAsync(await (await officer.GetAsync($"/api/cases/{id}/documents/handling_opinion")).Content.ReadAsByteArrayAsync());
        foreach (var element in new[] { "信访事项处理意见书", "信访请求", "建议修缮村道", "查明的事实和理由", "村道修缮已列入下一年度计划", "处理意见", "解释说明",
                     "《信访条例》（2005年）第三十二条", "三十日内", "渝北区人民政府", "请求复查", "《信访条例》（2005年）第三十四条", "2021年12月3日" })
            Assert.True(Pdf.Contains(opinion, element), $"the handling opinion lacks '{element}':\n{opinion}");

        // 2022 regime: a matter received after 2022-05-01 cites 信访工作条例
        var later = await Expect(officer.PostAsJsonAsync("/api/cases", new
        {
            kind = "petition", petitionType = "claim", title = "请求补发补贴", description = "未领到2022年补贴", category = "other",
            regionCode = CasesFactory.Village, source = "application", channel = "walk_in", riskLevel = "low", receivedAt = "2022-06-01T09:00:00+08:00",
            parties = new object[] { new { role = "applicant", kind = "person", name = "钱某" } },
        }), HttpStatusCode.Created);
        var laterId = later.GetProperty("id").GetGuid();
        await Expect(officer.PostAsJsonAsync($"/api/cases/{laterId}/not-accept", new { reason = "该事项已进入诉讼程序", occurredAt = "2022-06-08T10:00:00+08:00" }));
        var refusal = await officer.GetStringAsync($"/api/cases/{laterId}/documents/non_acceptance_notice?format=html");
        foreach (var element in new[] { "信访事项不予受理告知书", "钱某", "该事项已进入诉讼程序", "《信访工作条例》第二十二条、第二十三条", "2022年6月8日" })
            Assert.Contains(element, refusal);
    }
}

/// <summary>Reads a PDF as a person would: its text (pdftotext) and its fonts (pdffonts), from Debian's poppler-utils.</summary>
public static class Pdf
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        Assert.True(pdf.Length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F',
            "not a PDF: " + System.Text.Encoding.UTF8.GetString(pdf.AsSpan(0, Math.Min(pdf.Length, 400))));
        return await RunAsync("pdftotext", pdf, "-layout", "-enc", "UTF-8");
    }

    public static async Task<List<(string Name, bool Embedded, bool Unicode)>> FontsAsync(byte[] pdf)
    {
        var lines = (await RunAsync("pdffonts", pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2);
        // name type encoding emb sub uni object ID: "emb" is the third column from the end of the flags
        return lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 7)
            .Select(p => (p[0], p[^5] == "yes", p[^3] == "yes")).ToList();
    }

    /// <summary>Whether the text has <paramref name="s"/>, ignoring the line breaks and spaces pdftotext puts into long lines.</summary>
    public static bool Contains(string text, string s) => IndexOf(text, s, 0) >= 0;

    public static int IndexOf(string text, string s, int from) => Squeeze(text).IndexOf(Squeeze(s), Math.Min(from, Squeeze(text).Length), StringComparison.Ordinal);

    private static string Squeeze(string s) => new(s.Where(ch => !char.IsWhiteSpace(ch)).ToArray());

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] options)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var o in options) info.ArgumentList.Add(o);
            info.ArgumentList.Add(file);
            if (tool == "pdftotext") info.ArgumentList.Add("-");
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
