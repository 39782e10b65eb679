using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using MediationPlatform.Cases.Features.Imports;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// Ledger import (矛盾纠纷排查调处台账) against the real database and broker: the template, the dry run's report, the refusal
/// of a file with errors, the job that turns rows into whole cases through the aggregate, idempotency, CSV, the mediator by
/// name, and a job that goes on after a restart.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class LedgerImportTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private HttpClient Supervisor() => _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));

    /// <summary>A ledger row with every column, valid unless overridden (序号 made unique per test run).</summary>
    public static Dictionary<string, object?> Row(string sequence, Action<Dictionary<string, object?>>? change = null)
    {
        var row = new Dictionary<string, object?>
        {
            ["序号"] = sequence, ["登记日期"] = new DateTime(2021, 3, 5), ["村（社区）"] = "金刚村", ["纠纷类别"] = "邻里纠纷",
            ["纠纷简要情况"] = "两户因排水沟堵塞发生争执。经调解达成协议。", ["申请人"] = "张某", ["申请人身份证号码"] = null, ["申请人联系电话"] = null,
            ["被申请人"] = "李某、王某", ["涉及人数"] = 3, ["涉及金额（元）"] = 1200.5, ["调解员"] = null, ["调解结果"] = "调解成功",
            ["协议形式"] = "书面", ["结案日期"] = new DateTime(2021, 3, 20), ["备注"] = "李某疏通排水沟",
        };
        change?.Invoke(row);
        return row;
    }

    public static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), sheetName: "台账");
        return stream.ToArray();
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    public static MultipartFormDataContent Form(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv") ? "text/csv" : LedgerTemplate.ContentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, byte[] content, bool dryRun, string town = CasesFactory.Town, string fileName = "台账.xlsx") =>
        client.PostAsync($"/api/imports?regionCode={town}&dryRun={(dryRun ? "true" : "false")}", Form(content, fileName));

    private async Task<JsonElement> DoneAsync(HttpClient client, string location)
    {
        var status = await Eventually.ValueAsync(() => client.GetFromJsonAsync<JsonElement>(location),
            j => j.GetProperty("status").GetString() != "running", TimeSpan.FromSeconds(30));
        Assert.True(status.GetProperty("status").GetString() != "running", $"the import job should finish within 30 s; it reads {status}");
        Assert.Equal("done", status.GetProperty("status").GetString());
        return status;
    }

    private Task<int> CaseCountAsync() => _f.WithDbAsync(db => db.Cases.CountAsync());

    [Fact]
    public async Task The_template_has_the_header_row_a_sheet_of_allowed_values_and_drop_downs_on_category_result_and_agreement()
    {
        using var client = Supervisor();
        using var response = await client.GetAsync("/api/imports/template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LedgerTemplate.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(bytes);
        Assert.Equal(["台账", "可选值"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var header = (IDictionary<string, object?>)stream.Query(useHeaderRow: false, sheetName: "台账").First();
        Assert.Equal(LedgerColumns.All, header.Values.Select(v => v?.ToString()));
        stream.Position = 0;
        var values = stream.Query(useHeaderRow: true, sheetName: "可选值").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(15, values.Count(v => v["纠纷类别"] is not null));
        Assert.Contains(values, v => (string?)v["纠纷类别"] == "婚姻家庭纠纷");
        Assert.Equal(["调解成功", "调解不成功", "撤回", "移交"], values.Select(v => v["调解结果"] as string).OfType<string>());

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        XNamespace x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var validations = sheet.Descendants(x + "dataValidation").ToList();
        Assert.Equal(["D2:D50001", "M2:M50001", "N2:N50001"], validations.Select(v => (string?)v.Attribute("sqref")));
        Assert.All(validations, v => Assert.Equal("list", (string?)v.Attribute("type")));
        Assert.Equal("'可选值'!$A$2:$A$16", validations[0].Element(x + "formula1")!.Value);
        // the schema order: dataValidations before the drawing MiniExcel writes
        var names = sheet.Root!.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.True(names.IndexOf("dataValidations") > names.IndexOf("sheetData") && (names.IndexOf("drawing") < 0 || names.IndexOf("dataValidations") < names.IndexOf("drawing")));

        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [CasesFactory.Town], mediatorId: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/api/imports/template")).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_reports_every_error_by_row_and_column_in_Chinese_and_a_real_import_of_that_file_is_refused_with_422()
    {
        var s = Unique();
        var rows = new[]
        {
            Row($"{s}-1"), Row($"{s}-2"), Row($"{s}-3"), Row($"{s}-4"),
            Row($"{s}-5", r => r["纠纷类别"] = "外星纠纷"),                       // row 6
            Row($"{s}-6", r => { r["调解结果"] = "调解成功"; r["协议形式"] = null; }), // row 7
            Row($"{s}-7", r => r["结案日期"] = new DateTime(2021, 3, 1)),          // row 8: before 登记日期
            Row($"{s}-8", r => r["村（社区）"] = "不存在村"),                      // row 9
            Row($"{s}-1"),                                                         // row 10: 序号 repeated in 2021
            Row($"{s}-9", r => r["申请人身份证号码"] = "5001-bad"),                 // row 11
        };
        var bytes = Xlsx(rows);
        var before = await CaseCountAsync();
        using var client = Supervisor();
        var report = await Expect(Post(client, bytes, dryRun: true));
        Assert.Equal(10, report.GetProperty("rows").GetInt32());
        Assert.Equal(4, report.GetProperty("valid").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        var category = Assert.Single(errors, e => e.GetProperty("row").GetInt32() == 6);
        Assert.Equal(("纠纷类别", "外星纠纷", "第 6 行 纠纷类别：'外星纠纷' 不是可选的类别"),
            (category.GetProperty("column").GetString(), category.GetProperty("value").GetString(), category.GetProperty("message").GetString()));
        Assert.Equal([6, 7, 8, 9, 10, 11], errors.Select(e => e.GetProperty("row").GetInt32()));
        Assert.Equal(["纠纷类别", "协议形式", "结案日期", "村（社区）", "序号", "申请人身份证号码"], errors.Select(e => e.GetProperty("column").GetString()));
        Assert.All(errors, e => Assert.StartsWith($"第 {e.GetProperty("row").GetInt32()} 行 ", e.GetProperty("message").GetString()));
        Assert.DoesNotContain("5001-bad", errors[5].GetProperty("value").GetString()); // an ID number is shown masked
        Assert.Equal(before, await CaseCountAsync());

        using var refused = await Post(client, bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(6, problem.GetProperty("errors").GetArrayLength());
        Assert.Equal("第 6 行 纠纷类别：'外星纠纷' 不是可选的类别", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(before, await CaseCountAsync());
        Assert.Equal(0, await _f.WithDbAsync(db => db.LedgerImports.CountAsync(j => j.FileName == "台账.xlsx" && j.Rows == 10)));
    }

    [Fact]
    public async Task A_clean_ledger_becomes_whole_cases_through_the_aggregate_with_the_ledgers_dates_and_a_second_import_adds_nothing()
    {
        var s = Unique();
        var idNumber = "50011219800101" + Random.Shared.Next(1000, 9999);
        var rows = new[]
        {
            Row($"{s}-1", r => { r["申请人身份证号码"] = idNumber; r["申请人联系电话"] = "13812345678"; }),
            Row($"{s}-2", r => { r["调解结果"] = "调解不成功"; r["协议形式"] = null; r["备注"] = "一方拒绝调解"; }),
            Row($"{s}-3", r => { r["调解结果"] = "撤回"; r["协议形式"] = null; }),
            Row($"{s}-4", r => { r["调解结果"] = "移交"; r["协议形式"] = null; r["备注"] = "移交木耳派出所处理"; }),
            Row($"{s}-5", r => { r["调解结果"] = null; r["协议形式"] = null; r["结案日期"] = null; r["登记日期"] = "2021-12-31"; r["村（社区）"] = null; }),
        };
        using var client = Supervisor();
        var bytes = Xlsx(rows);
        using var accepted = await Post(client, bytes, dryRun: false, fileName: $"木耳镇台账-{s}.xlsx");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.OriginalString;
        Assert.Matches(@"^/api/imports/[0-9a-f-]{36}$", location);
        var status = await DoneAsync(client, location);
        Assert.Equal((5, 5, 0), (status.GetProperty("rows").GetInt32(), status.GetProperty("imported").GetInt32(), status.GetProperty("skipped").GetInt32()));
        var importId = status.GetProperty("id").GetGuid();

        var entries = await _f.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.ImportId == importId).OrderBy(e => e.Row).ToListAsync());
        Assert.Equal([2, 3, 4, 5, 6], entries.Select(e => e.Row));
        var cases = await _f.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Parties).Include(c => c.Referrals)
            .Where(c => entries.Select(e => e.CaseId).Contains(c.Id)).ToListAsync());
        var resolved = At(0);
        Assert.Equal((CaseStatus.Resolved, AgreementType.Written, "李某疏通排水沟"), (resolved.Status, resolved.AgreementType, resolved.AgreementSummary));
        Assert.Equal(DateTimeOffset.Parse("2021-03-05T00:00:00+08:00"), resolved.ReceivedAt);
        Assert.Equal(DateTimeOffset.Parse("2021-03-20T00:00:00+08:00"), resolved.EndedAt);
        Assert.Matches(@"^MUER-2021-D-\d{5}$", resolved.Number);
        Assert.Equal((CasesFactory.Village, 3, 1200.5m), (resolved.RegionCode, resolved.PartyCount, resolved.AmountInvolved));
        Assert.Equal("两户因排水沟堵塞发生争执", resolved.Title);
        Assert.Equal(["张某", "李某", "王某"], resolved.Parties.OrderBy(p => p.Role).ThenBy(p => p.Name == "王某").Select(p => p.Name));
        var applicant = resolved.Parties.Single(p => p.Role == PartyRole.Applicant);
        Assert.DoesNotContain(idNumber, applicant.IdNumberEncrypted);
        Assert.Equal(_f.Services.GetRequiredService<PersonalDataProtector>().HashIdNumber(idNumber), applicant.IdNumberHash);
        Assert.Equal((CaseStatus.Unresolved, AdvisedRoute.Other, "一方拒绝调解"), (At(1).Status, At(1).AdvisedRoute, At(1).OutcomeReason));
        Assert.Equal(CaseStatus.Withdrawn, At(2).Status);
        Assert.Equal((CaseStatus.Transferred, Agency.Police, true), (At(3).Status, At(3).Referrals.Single().Agency, At(3).Referrals.Single().Whole));
        // a 移交 of 2021 is history: no response window is watched, so the overdue check never calls the police late for it
        Assert.Null(At(3).Referrals.Single().RespondBy);
        Assert.False(At(3).Referrals.Single().IsOverdue(DateTimeOffset.UtcNow));
        Assert.Equal((CaseStatus.Registered, CasesFactory.Town), (At(4).Status, At(4).RegionCode)); // open, at the town (no village given)
        Assert.Equal(DateTimeOffset.Parse("2021-12-31T00:00:00+08:00"), At(4).ReceivedAt);

        // the timeline says where it came from; the events carry the ledger's dates (the reporting counts them in that year)
        using var admin = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Admin));
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{resolved.Id}/timeline");
        Assert.Equal(["registered", "mediation_started", "resolved"], timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var ledger = RepeatMatterTests.Details(timeline[0]).GetProperty("ledger");
        Assert.Equal(($"木耳镇台账-{s}.xlsx", 2, $"{s}-1"), (ledger.GetProperty("file").GetString(), ledger.GetProperty("row").GetInt32(), ledger.GetProperty("sequence").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2021-03-20T00:00:00+08:00"), timeline[2].GetProperty("occurredAt").GetDateTimeOffset());
        var outbox = await _f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == resolved.Id).OrderBy(m => m.Sequence).ToListAsync());
        Assert.Equal([nameof(CaseRegistered), nameof(MediationStarted), nameof(CaseResolved)], outbox.Select(m => m.MessageType));
        var resolvedEvent = (CaseResolved)EventSerializer.Deserialize(outbox[2].MessageType, outbox[2].Payload);
        Assert.Equal(DateTimeOffset.Parse("2021-03-20T00:00:00+08:00"), resolvedEvent.OccurredAt);
        Assert.DoesNotContain(idNumber, string.Concat(outbox.Select(m => m.Payload)));
        // searchable by the ID number's keyed hash like any case
        var found = await Expect(Supervisor().GetAsync($"/api/cases?idNumber={idNumber}&purpose=核对导入的当事人"));
        Assert.Contains(found.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == resolved.Id);

        // the same file again: every row skipped, nothing added
        var countBefore = await CaseCountAsync();
        var dry = await Expect(Post(client, bytes, dryRun: true));
        Assert.Equal((5, 5, 0), (dry.GetProperty("skipped").GetInt32(), dry.GetProperty("valid").GetInt32(), dry.GetProperty("errors").GetArrayLength()));
        using var second = await Post(client, bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var again = await DoneAsync(client, second.Headers.Location!.OriginalString);
        Assert.Equal((0, 5), (again.GetProperty("imported").GetInt32(), again.GetProperty("skipped").GetInt32()));
        Assert.Equal(countBefore, await CaseCountAsync());

        Domain.Case At(int i) => cases.Single(c => c.Id == entries[i].CaseId);
    }

    [Fact]
    public async Task A_UTF8_CSV_from_WPS_is_read_with_rows_numbered_as_Excel_shows_them_and_possible_duplicates_are_reported()
    {
        var s = Unique();
        var idNumber = "50011219850505" + Random.Shared.Next(1000, 9999);
        using var supervisor = Supervisor();
        var existing = await Expect(supervisor.PostAsJsonAsync("/api/cases", new
        {
            kind = "dispute", title = "宅基地边界", category = "housing_homestead", regionCode = CasesFactory.Village, source = "application",
            channel = "walk_in", riskLevel = "low", parties = new object[] { new { role = "applicant", kind = "person", name = "陈某", idNumber } },
        }), HttpStatusCode.Created);
        var csv = "\uFEFF矛盾纠纷排查调处台账\n" + string.Join(",", LedgerColumns.All) + "\n"
            + $"{s}-1,2021-05-06,金刚村,房屋宅基地纠纷,宅基地边界争议,陈某,{idNumber},,刘某,2,,,,,,\n"
            + ",,,,,,,,,,,,,,,\n"
            + $"{s}-2,2021/5/7,muer-v01,neighbourhood,\"噪音扰民，多次沟通无果\",黄某,,,林某,2,,,撤回,,2021-05-08,当事人撤回\n"
            + $"{s}-3,2021-05-08,金刚村,外星纠纷,x,黄某,,,林某,,,,,,,\n";
        var report = await Expect(Post(supervisor, Encoding.UTF8.GetBytes(csv), dryRun: true, fileName: "台账.csv"));
        Assert.Equal((3, 2), (report.GetProperty("rows").GetInt32(), report.GetProperty("valid").GetInt32()));
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal("第 6 行 纠纷类别：'外星纠纷' 不是可选的类别", error.GetProperty("message").GetString()); // title row 1, header 2, blank row 4
        var duplicate = Assert.Single(report.GetProperty("possibleDuplicates").EnumerateArray());
        Assert.Equal((3, existing.GetProperty("id").GetGuid(), "same_id_number"),
            (duplicate.GetProperty("row").GetInt32(), duplicate.GetProperty("id").GetGuid(), duplicate.GetProperty("reason").GetString()));

        // a GBK file is refused as a file, not misread
        var gbk = new byte[] { 0xD0, 0xF2, 0xBA, 0xC5, 0x2C, 0xB5, 0xC7 }; // "序号,登" in GBK
        Assert.Equal(["file"], ErrorFields(await Expect(Post(supervisor, gbk, dryRun: true, fileName: "gbk.csv"), HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task The_ledgers_mediator_is_found_by_name_among_the_towns_mediators_and_becomes_the_registering_mediator()
    {
        var mediatorId = Guid.NewGuid();
        var name = "调解员" + Unique()[..4];
        await _f.PublishAsync(new MediatorRegistered(mediatorId, name, MediatorKind.FullTime, Guid.NewGuid(), [CasesFactory.Town], true, DateTimeOffset.UtcNow));
        await _f.PublishAsync(new MediatorRegistered(Guid.NewGuid(), name + "乙", MediatorKind.FullTime, Guid.NewGuid(), [CasesFactory.OtherTown], true, DateTimeOffset.UtcNow));
        var known = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Mediators.CountAsync(m => m.Name.StartsWith(name))), n => n == 2,
            TimeSpan.FromSeconds(20));
        Assert.True(known == 2, $"both mediators named {name}… should reach the case service within 20 s; it knows {known}");
        var s = Unique();
        using var client = Supervisor();
        var wrong = await Expect(Post(client, Xlsx([Row($"{s}-1", r => r["调解员"] = name + "乙"), Row($"{s}-2", r => r["调解员"] = "不存在")]), dryRun: true));
        Assert.Equal([2, 3], wrong.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()));
        Assert.All(wrong.GetProperty("errors").EnumerateArray(), e => Assert.Equal("调解员", e.GetProperty("column").GetString()));

        using var accepted = await Post(client, Xlsx([Row($"{s}-3", r => { r["调解员"] = name; r["调解结果"] = null; r["协议形式"] = null; r["结案日期"] = null; })]), dryRun: false);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await DoneAsync(client, accepted.Headers.Location!.OriginalString);
        var caseId = await _f.WithDbAsync(db => db.LedgerEntries.Where(e => e.ImportId == status.GetProperty("id").GetGuid()).Select(e => e.CaseId).SingleAsync());
        var registered = await _f.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.AggregateId == caseId && m.MessageType == nameof(CaseRegistered)));
        Assert.Equal(mediatorId, ((CaseRegistered)EventSerializer.Deserialize(registered.MessageType, registered.Payload)).RegisteredByMediatorId);
    }

    [Fact]
    public async Task Only_admins_and_the_towns_supervisors_import_and_a_foreign_import_is_not_found()
    {
        var bytes = Xlsx([Row(Unique())]);
        foreach (var role in new[] { Roles.Mediator, Roles.PetitionOfficer, Roles.Statistician, Roles.PoliceLiaison })
        {
            using var client = _f.ClientWithToken(TestTokens.Shared.Mint(role, [CasesFactory.Town], mediatorId: Guid.NewGuid()));
            Assert.Equal(HttpStatusCode.Forbidden, (await Post(client, bytes, dryRun: true)).StatusCode);
        }
        using var gulu = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.OtherTown]));
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(gulu, bytes, dryRun: true)).StatusCode);
        using var supervisor = Supervisor();
        Assert.Equal(["regionCode"], ErrorFields(await Expect(Post(supervisor, bytes, dryRun: true, town: CasesFactory.Village), HttpStatusCode.BadRequest)));
        Assert.Equal(["regionCode"], ErrorFields(await Expect(Post(supervisor, bytes, dryRun: true, town: "nowhere"), HttpStatusCode.BadRequest)));
        Assert.Equal(["file"], ErrorFields(await Expect(Post(supervisor, "not a spreadsheet"u8.ToArray(), dryRun: true, fileName: "x.csv"), HttpStatusCode.BadRequest)));
        using var accepted = await Post(supervisor, bytes, dryRun: false);
        var location = accepted.Headers.Location!.OriginalString;
        await DoneAsync(supervisor, location);
        Assert.Equal(HttpStatusCode.NotFound, (await gulu.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/imports/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_job_interrupted_after_a_batch_goes_on_from_its_last_batch_when_the_worker_runs_again()
    {
        // as a service stopped after the first batch leaves it: status running, NextRow past the rows already done
        var s = Unique();
        var rows = Enumerable.Range(1, 4).Select(i => new LedgerRow(i + 1, $"{s}-{i}", new DateOnly(2021, 6, i), CasesFactory.Village,
            DisputeCategory.Neighbourhood, "邻里噪音", ["郑某"], null, null, ["冯某"], 2, null, null, null, null, null, null, null)).ToList();
        var importId = Guid.NewGuid();
        await _f.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.LedgerImports.Add(new LedgerImport
            {
                Id = importId, RegionCode = CasesFactory.Town, TownCode = CasesFactory.Town, DistrictCode = CasesFactory.District, FileName = "中断.xlsx",
                Rows = 4, NextRow = 2, Imported = 2, CreatedBy = "test", CreatedAt = now, UpdatedAt = now,
            });
            db.LedgerImportPayloads.Add(new LedgerImportPayload
            {
                ImportId = importId, RowsEncrypted = LedgerPayloadCache.Seal(importId, rows, _f.Services.GetRequiredService<PersonalDataProtector>()),
            });
            return await db.SaveChangesAsync();
        });
        _f.Services.GetRequiredService<LedgerImportSignal>().Wake();
        using var client = Supervisor();
        var status = await DoneAsync(client, $"/api/imports/{importId}");
        Assert.Equal((4, 4, 0), (status.GetProperty("rows").GetInt32(), status.GetProperty("imported").GetInt32(), status.GetProperty("skipped").GetInt32()));
        var done = await _f.WithDbAsync(db => db.LedgerEntries.Where(e => e.ImportId == importId).OrderBy(e => e.Row).Select(e => e.Sequence).ToListAsync());
        Assert.Equal([$"{s}-3", $"{s}-4"], done); // only the rows after the last finished batch
        Assert.Equal(0, await _f.WithDbAsync(db => db.LedgerImportPayloads.CountAsync(p => p.ImportId == importId))); // the rows' personal data is gone
    }

    [Fact]
    public async Task A_ledger_with_the_optional_statistics_columns_imports_the_agreed_amount_and_what_was_prevented_and_refuses_them_on_other_results()
    {
        var s = Unique();
        Dictionary<string, object?> With(Dictionary<string, object?> row, object? agreed, object? criminal, object? groupPetition)
        {
            row["协议金额（元）"] = agreed;
            row["防止民转刑（人）"] = criminal;
            row["防止群体性上访（人）"] = groupPetition;
            return row;
        }
        using var client = Supervisor();
        var bad = Xlsx([With(Row($"{s}-1", r => { r["调解结果"] = "调解不成功"; r["协议形式"] = null; }), 800, 2, null), With(Row($"{s}-2"), "八百", null, "x")]);
        using var dry = await Post(client, bad, dryRun: true);
        var report = await dry.Content.ReadFromJsonAsync<JsonElement>();
        var columns = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.True(columns.Contains((2, "协议金额（元）")) && columns.Contains((2, "防止民转刑（人）")) && columns.Contains((3, "协议金额（元）"))
            && columns.Contains((3, "防止群体性上访（人）")), report.ToString());

        using var accepted = await Post(client, Xlsx([With(Row($"{s}-3"), 800, 3, 12)]), dryRun: false);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await DoneAsync(client, accepted.Headers.Location!.OriginalString);
        var importId = status.GetProperty("id").GetGuid();
        var caseId = await _f.WithDbAsync(db => db.LedgerEntries.Where(e => e.ImportId == importId).Select(e => e.CaseId).SingleAsync());
        var c = await _f.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId));
        Assert.Equal(800m, c.AmountAgreed);
        Assert.Equal([new Prevention(PreventedKind.CriminalCase, 3), new Prevention(PreventedKind.GroupPetition, 12)], c.Prevented);
        Assert.True(c.EscalationPrevented);
    }
}
