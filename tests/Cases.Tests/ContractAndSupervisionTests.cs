using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// The contract as api.md writes it (hotline_12345, the source filter, referrals on list items, paged lists, a dispute's
/// applicant, corrected people counts, paging bounds, literal % and _) and the supervision list (督办).
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class ContractAndSupervisionTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private HttpClient Supervisor(string subject = "sup-contract") =>
        _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town], subject: subject));

    private static object Case(string title, string channel = "walk_in", string source = "application", string? receivedAt = null,
        object[]? parties = null, int? partyCount = null) => new
    {
        kind = "dispute", title, category = "neighbourhood", regionCode = CasesFactory.Village, source, channel, riskLevel = "low",
        receivedAt, partyCount,
        parties = parties ?? [new { role = "applicant", kind = "person", name = "张某" }],
    };

    [Fact]
    public async Task The_12345_hotline_is_spelled_as_the_contract_spells_it_and_the_source_filter_filters()
    {
        using var client = Supervisor();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var hotline = await Expect(client.PostAsJsonAsync("/api/cases", Case($"热线 {tag}", channel: "hotline_12345", source: "government_assigned")),
            HttpStatusCode.Created);
        Assert.Equal("hotline_12345", hotline.GetProperty("channel").GetString());
        var wrong = await Expect(client.PostAsJsonAsync("/api/cases", Case($"旧写法 {tag}", channel: "hotline12345")), HttpStatusCode.BadRequest);
        Assert.Contains("hotline_12345", wrong.GetProperty("errors").GetProperty("channel")[0].GetString()); // names the field and the allowed values
        await Expect(client.PostAsJsonAsync("/api/cases", Case($"当事人申请 {tag}")), HttpStatusCode.Created);

        var assigned = await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={tag}&source=government_assigned");
        Assert.Equal([hotline.GetProperty("id").GetGuid()], assigned.Items().EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        await Expect(client.GetAsync("/api/cases?source=alien"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_dispute_without_an_applicant_is_refused_and_nothing_is_written()
    {
        using var client = Supervisor();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var none = await Expect(client.PostAsJsonAsync("/api/cases", new
        {
            kind = "dispute", title = $"无申请人 {tag}", category = "neighbourhood", regionCode = CasesFactory.Village, source = "screening",
            channel = "walk_in", riskLevel = "low",
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["parties"], ErrorFields(none));
        var respondentOnly = await Expect(client.PostAsJsonAsync("/api/cases",
            Case($"只有被申请人 {tag}", parties: [new { role = "respondent", kind = "person", name = "李某" }])), HttpStatusCode.BadRequest);
        Assert.Equal(["parties"], ErrorFields(respondentOnly));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={tag}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_items_carry_their_referrals_and_corrected_parties_move_the_people_counted()
    {
        using var client = Supervisor();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var created = await Expect(client.PostAsJsonAsync("/api/cases", Case($"转介 {tag}")), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(1, created.GetProperty("partyCount").GetInt32());
        await Expect(client.PostAsJsonAsync($"/api/cases/{id}/referrals", new { agency = "police", reason = "可能激化", whole = false }), HttpStatusCode.Created);
        var listed = (await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={tag}")).Items()[0];
        Assert.Equal("police", listed.GetProperty("referrals")[0].GetProperty("agency").GetString());

        var corrected = await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new
        {
            parties = new object[]
            {
                new { role = "applicant", kind = "person", name = "张某" },
                new { role = "applicant", kind = "person", name = "王某" },
                new { role = "respondent", kind = "person", name = "李某" },
            },
        }));
        Assert.Equal(3, corrected.GetProperty("partyCount").GetInt32());
        var noApplicant = await Expect(client.PatchAsJsonAsync($"/api/cases/{id}", new
        {
            parties = new object[] { new { role = "respondent", kind = "person", name = "李某" } },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["parties"], ErrorFields(noApplicant));
    }

    [Theory]
    [InlineData("/api/cases?page=1000000000")]
    [InlineData("/api/cases?page=0")]
    [InlineData("/api/cases?pageSize=201")]
    [InlineData("/api/risk-registers?page=999999999")]
    [InlineData("/api/access-log?page=2147483647")]
    [InlineData("/api/cases/supervision?pageSize=0")]
    [InlineData("/api/cases?dueWithinDays=-1")]
    [InlineData("/api/cases?sort=sideways")]
    public async Task Paging_and_filter_bounds_answer_400_never_500(string url)
    {
        using var client = Supervisor();
        var problem = await Expect(client.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Percent_and_underscore_in_q_match_themselves()
    {
        using var client = Supervisor();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await Expect(client.PostAsJsonAsync("/api/cases", Case($"折扣100%_{tag}")), HttpStatusCode.Created);
        await Expect(client.PostAsJsonAsync("/api/cases", Case($"折扣100x{tag}")), HttpStatusCode.Created);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={Uri.EscapeDataString($"100%_{tag}")}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={Uri.EscapeDataString($"%_{tag}x")}")).GetProperty("total").GetInt32());
        // a bare % is a percent sign, not "everything"
        var all = (await client.GetFromJsonAsync<JsonElement>("/api/cases?pageSize=1")).GetProperty("total").GetInt32();
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/cases?q=%25&pageSize=1")).GetProperty("total").GetInt32() < all);
    }

    [Fact]
    public async Task Supervision_lists_overdue_and_soon_due_cases_and_unanswered_referrals_nearest_first()
    {
        using var client = Supervisor();
        var now = DateTimeOffset.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..8];
        // two months old: its mediation month has passed
        var late = await Expect(client.PostAsJsonAsync("/api/cases", Case($"逾期 {tag}", receivedAt: now.AddMonths(-2).ToString("O"))), HttpStatusCode.Created);
        // received a month less two days ago: due within the next three working days
        var soon = await Expect(client.PostAsJsonAsync("/api/cases", Case($"将到期 {tag}", receivedAt: now.AddMonths(-1).AddDays(2).ToString("O"))), HttpStatusCode.Created);
        // twenty days old: not due for another ten
        var fresh = await Expect(client.PostAsJsonAsync("/api/cases", Case($"新案 {tag}", receivedAt: now.AddDays(-20).ToString("O"))), HttpStatusCode.Created);
        // a court referral made two weeks ago and never answered: overdue after 3 working days
        var referred = await Expect(client.PostAsJsonAsync($"/api/cases/{fresh.GetProperty("id").GetGuid()}/referrals",
            new { agency = "court", reason = "诉调对接", whole = false, occurredAt = now.AddDays(-14) }), HttpStatusCode.Created);
        var referralId = referred.GetProperty("referrals")[0].GetProperty("id").GetGuid();
        Assert.True(referred.GetProperty("referrals")[0].GetProperty("overdue").GetBoolean());

        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var items = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/supervision?pageSize=200&page={page}")).Items();
            all.AddRange(items.EnumerateArray());
            if (items.GetArrayLength() < 200) break;
        }
        var mine = all.Where(i => i.GetProperty("title").GetString()!.EndsWith(tag, StringComparison.Ordinal)).ToList();
        var lateItem = Assert.Single(mine, i => i.GetProperty("caseId").GetGuid() == late.GetProperty("id").GetGuid());
        Assert.True(lateItem.GetProperty("overdue").GetBoolean());
        Assert.Equal("mediation", lateItem.GetProperty("deadline").GetString());
        var soonItem = Assert.Single(mine, i => i.GetProperty("caseId").GetGuid() == soon.GetProperty("id").GetGuid());
        Assert.False(soonItem.GetProperty("overdue").GetBoolean());
        var referralItem = Assert.Single(mine, i => i.GetProperty("type").GetString() == "referral");
        Assert.Equal((referralId, "court"), (referralItem.GetProperty("referralId").GetGuid(), referralItem.GetProperty("agency").GetString()));
        Assert.DoesNotContain(mine, i => i.GetProperty("type").GetString() == "case" && i.GetProperty("caseId").GetGuid() == fresh.GetProperty("id").GetGuid());
        var dues = all.Select(i => i.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dues.OrderBy(d => d), dues); // nearest first

        // the same deadlines as list filters and sort
        var dueSoon = await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={tag}&dueWithinDays=7");
        Assert.Equal([soon.GetProperty("id").GetGuid()], dueSoon.Items().EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var byDue = await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={tag}&sort=due");
        Assert.Equal(new[] { late, soon, fresh }.Select(c => c.GetProperty("id").GetGuid()), byDue.Items().EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={tag}&dueBefore={Uri.EscapeDataString(now.ToString("O"))}");
        Assert.Equal([late.GetProperty("id").GetGuid()], before.Items().EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        // another town's supervisor sees none of it
        using var foreign = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.OtherTown]));
        var theirs = await foreign.GetFromJsonAsync<JsonElement>("/api/cases/supervision?pageSize=200");
        Assert.DoesNotContain(theirs.Items().EnumerateArray(), i => i.GetProperty("title").GetString()!.EndsWith(tag, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_register_lists_its_items_paged()
    {
        using var client = Supervisor();
        var register = await Expect(client.PostAsJsonAsync("/api/risk-registers", new { title = "风险清单", regionCode = CasesFactory.Town, year = 2026 }),
            HttpStatusCode.Created);
        var id = register.GetProperty("id").GetGuid();
        for (var i = 0; i < 3; i++)
            await Expect(client.PostAsJsonAsync($"/api/risk-registers/{id}/items", new { description = $"隐患 {i}", level = "medium" }), HttpStatusCode.Created);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/risk-registers/{id}/items?pageSize=2");
        Assert.Equal((3, 2), (page.GetProperty("total").GetInt32(), page.Items().GetArrayLength()));
        var open = await client.GetFromJsonAsync<JsonElement>($"/api/risk-registers/{id}/items?status=closed");
        Assert.Equal(0, open.GetProperty("total").GetInt32());
        using var foreign = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.OtherTown]));
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/risk-registers/{id}/items")).StatusCode);
    }
}
