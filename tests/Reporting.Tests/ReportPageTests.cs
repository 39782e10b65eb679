using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Reporting.Features.Annual;
using MediationPlatform.TestKit;
using MiniExcelLibs;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// format=html over HTTP: the page's text, tables and charts against the snapshot's figures (published: 1 and 2 as
/// "&lt;3"), its access rules, and the xlsx's table sheets against the page. The page is well-formed XML by design,
/// so it is read here with LINQ to XML; <see cref="ReportPageBrowserTests"/> renders it in Chromium.
/// </summary>
[Collection(ReportPageCollection.Name)]
public sealed class ReportPageTests(ReportPageFixture fixture)
{
    private const int Year = ReportPageFixture.Year;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly ReportingFactory _f = fixture.Factory;
    private JsonElement Figures => fixture.Figures;

    private static string Published(int n) => n is 1 or 2 ? "<3" : n.ToString(CultureInfo.InvariantCulture);

    private static int N(JsonElement e, params string[] path) => path.Aggregate(e, (node, p) => node.GetProperty(p)).GetInt32();

    private HttpClient Statistician() => _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));

    public static XDocument ParseHtml(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private async Task<XDocument> PageAsync()
    {
        using var client = Statistician();
        var response = await client.GetAsync($"/api/reports/annual/{Year}?regionCode=muer&format=html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return ParseHtml(await response.Content.ReadAsStringAsync());
    }

    private static List<string[]> Rows(XElement table, string part) =>
        table.Element(part)?.Elements("tr").Select(tr => tr.Elements().Select(c => c.Value).ToArray()).ToList() ?? [];

    private static string[] Headings(XElement table) => table.Element("thead")!.Element("tr")!.Elements("th").Select(th => th.Value).ToArray();

    [Fact]
    public async Task The_page_has_the_report_text_with_the_snapshot_figures_as_in_the_Markdown()
    {
        var page = await PageAsync();
        var d = Figures.GetProperty("disputes");
        var p = Figures.GetProperty("petitions");
        Assert.Equal($"{Year} 年木耳镇矛盾纠纷化解和信访工作情况", page.Descendants("h1").Single().Value);
        Assert.Equal("zh-CN", (string?)page.Root!.Attribute("lang"));
        var style = page.Descendants("style").Single().Value;
        Assert.Contains("@page { size: A4;", style);
        Assert.Contains("\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\"", style);

        var paragraphs = page.Descendants("section").Single(s => (string?)s.Attribute("class") == "text").Elements("p").Select(e => e.Value).ToList();
        Assert.Equal(2, paragraphs.Count);
        Assert.Contains($"{Year} 年木耳镇共受理各类矛盾纠纷 {Published(N(d, "registered"))} 起", paragraphs[0]);
        Assert.Contains($"{Year} 年木耳镇共化解各类矛盾纠纷 {Published(N(d, "resolved"))} 起，调解成功率 ", paragraphs[0]);
        Assert.Contains($"防止矛盾纠纷激化 {Published(N(d, "escalationPrevented"))} 起", paragraphs[0]);
        Assert.Contains($"组织调解 {Published(N(Figures, "sessions", "held"))} 场，在岗调解员 21 名", paragraphs[0]);
        Assert.Contains("建立风险清单 34 个，并建立台账，逐一销号 30 个。", paragraphs[1]);
        Assert.Contains($"{Year} 年受理信访事项 {Published(N(p, "registered"))} 件，按期办结 {Published(N(p, "concludedOnTime"))} 件", paragraphs[1]);
        Assert.EndsWith($"{Year} 年成功办结信访事项 {Published(N(p, "concluded"))} 件。", paragraphs[1]);

        // the same words as the Markdown form
        using var client = Statistician();
        var md = await client.GetStringAsync($"/api/reports/annual/{Year}?regionCode=muer&format=md");
        Assert.All(paragraphs, paragraph => Assert.Contains(paragraph, md));
        Assert.Contains("不足 3 起（件）的数字以“<3”表示", page.Descendants("footer").Single().Value);
    }

    [Fact]
    public async Task The_tables_equal_the_snapshot_figures_with_small_cells_suppressed()
    {
        var page = await PageAsync();
        var tables = page.Descendants("table").ToDictionary(t => (string)t.Attribute("data-table")!);
        Assert.Equal([ReportTables.ByCategory, ReportTables.ByRegion, ReportTables.BySource, ReportTables.ByMonth, ReportTables.Petitions],
            tables.Keys.ToArray());
        var d = Figures.GetProperty("disputes");
        var p = Figures.GetProperty("petitions");
        string[] total = ["合计", Published(N(d, "registered")), Published(N(d, "resolved"))];

        var byCategory = tables[ReportTables.ByCategory];
        Assert.Equal(["类别", "受理（起）", "化解（起）"], Headings(byCategory));
        Assert.Equal(d.GetProperty("byCategory").EnumerateObject()
                .Select(c => new[] { ChineseNames.Category(c.Name), Published(N(c.Value, "registered")), Published(N(c.Value, "resolved")) }),
            Rows(byCategory, "tbody"));
        Assert.Equal([total], Rows(byCategory, "tfoot"));

        var names = ReportPageFixture.Villages.ToDictionary(v => v.Code, v => v.Name);
        var byRegion = tables[ReportTables.ByRegion];
        Assert.Equal(["村（社区）", "受理（起）", "化解（起）"], Headings(byRegion));
        var villageRows = d.GetProperty("byRegion").EnumerateObject().OrderBy(r => r.Name, StringComparer.Ordinal) // by code
            .Select(r => new[] { names[r.Name], Published(N(r.Value, "registered")), Published(N(r.Value, "resolved")) }).ToList();
        Assert.Equal(["木耳社区", "新街社区", "金刚村"], villageRows.Take(3).Select(r => r[0]));
        Assert.Equal(villageRows, Rows(byRegion, "tbody"));
        Assert.Equal([total], Rows(byRegion, "tfoot"));
        // 1 and 2 are never shown: 金刚村 and 观音村 received 2 disputes in the year, 新华村 1
        Assert.Contains(Rows(byRegion, "tbody"), r => r[0] == "新华村" && r[1] == "<3");
        Assert.Contains(Rows(byRegion, "tbody"), r => r[0] == "金刚村" && r[1] == "<3");
        Assert.Contains(Rows(byRegion, "tbody"), r => r[0] == "观音村" && r[1] == "<3");
        Assert.DoesNotContain(page.Descendants("td"), td => td.Value is "1" or "2");

        var bySource = tables[ReportTables.BySource];
        Assert.Equal(["来源", "受理（起）"], Headings(bySource));
        string[] sources = ["application", "screening", "police_transfer", "court_entrusted", "petition_transfer", "government_assigned"];
        Assert.Equal(d.GetProperty("bySource").EnumerateObject().OrderBy(s => Array.IndexOf(sources, s.Name)) // the vocabulary's order
                .Select(s => new[] { ChineseNames.Source(s.Name), Published(s.Value.GetInt32()) }),
            Rows(bySource, "tbody"));
        Assert.Contains(Rows(bySource, "tbody"), r => r[0] == "当事人申请");

        var byMonth = tables[ReportTables.ByMonth];
        Assert.Equal(["月份", "受理（起）", "化解（起）"], Headings(byMonth));
        Assert.Equal(Enumerable.Range(1, 12).Select(m => d.GetProperty("byMonth").GetProperty($"{m:00}"))
                .Select((m, i) => new[] { $"{i + 1}月", Published(N(m, "registered")), Published(N(m, "resolved")) }),
            Rows(byMonth, "tbody"));
        Assert.Equal([total], Rows(byMonth, "tfoot"));

        var petitions = tables[ReportTables.Petitions];
        Assert.Equal(["项目", "件数"], Headings(petitions));
        var onTimeRate = p.GetProperty("onTimeRate").GetDouble();
        Assert.Equal(
        [
            ["登记", Published(N(p, "registered"))], ["受理", Published(N(p, "accepted"))], ["不予受理", Published(N(p, "notAccepted"))],
            ["转送有关部门", Published(N(p, "transferred"))], ["办结", Published(N(p, "concluded"))],
            ["按期办结", Published(N(p, "concludedOnTime"))],
            ["按期办结率", (onTimeRate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"],
            ["申请复查复核", Published(N(p, "reviewsRequested"))],
        ], Rows(petitions, "tbody"));
    }

    [Fact]
    public void The_monthly_figures_count_each_dispute_in_the_CST_month_it_was_received_and_resolved()
    {
        // counted from what the fixture generated, without the service's code
        var byMonth = Figures.GetProperty("disputes").GetProperty("byMonth");
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"{m:00}"), byMonth.EnumerateObject().Select(m => m.Name));
        var cst = TimeSpan.FromHours(8);
        for (var month = 1; month <= 12; month++)
        {
            var registered = fixture.Disputes.Count(x => x.ReceivedAt.ToOffset(cst) is { Year: Year } r && r.Month == month);
            var resolved = fixture.Disputes.Count(x => x.ResolvedAt?.ToOffset(cst) is { Year: Year } r && r.Month == month);
            Assert.Equal(registered, N(byMonth, $"{month:00}", "registered"));
            Assert.Equal(resolved, N(byMonth, $"{month:00}", "resolved"));
        }
        Assert.Equal(N(Figures, "disputes", "registered"), byMonth.EnumerateObject().Sum(m => N(m.Value, "registered")));
        Assert.Equal(N(Figures, "disputes", "resolved"), byMonth.EnumerateObject().Sum(m => N(m.Value, "resolved")));
        Assert.Contains(fixture.Disputes, x => ChinaTime.YearOf(x.ReceivedAt) == Year - 1 && x.ResolvedAt is { } r && ChinaTime.YearOf(r) == Year);
    }

    [Fact]
    public async Task The_four_charts_are_inline_SVG_whose_bars_are_the_published_figures()
    {
        var page = await PageAsync();
        var charts = page.Descendants(Svg + "svg").ToList();
        Assert.Equal([ReportCharts.ByMonth, ReportCharts.ByCategory, ReportCharts.ByRegion, ReportCharts.PetitionsOnTime],
            charts.Select(c => (string)c.Attribute("data-chart")!).ToArray());
        Assert.Equal(["矛盾纠纷按月受理和化解情况", "矛盾纠纷按类别", "矛盾纠纷按村（社区）"], charts.Take(3).Select(c => c.Element(Svg + "title")!.Value));
        Assert.StartsWith("信访事项按期办结（按期办结率 ", charts[3].Element(Svg + "title")!.Value);
        Assert.All(charts, c => Assert.StartsWith("0 0 720 ", (string)c.Attribute("viewBox")!));
        Assert.All(charts, c => Assert.Equal(c.Element(Svg + "title")!.Value,
            c.Parent!.Element("figcaption")!.Nodes().OfType<XText>().First().Value)); // the caption says the same

        var d = Figures.GetProperty("disputes");
        var p = Figures.GetProperty("petitions");
        var months = d.GetProperty("byMonth").EnumerateObject().Select(m => (Registered: N(m.Value, "registered"), Resolved: N(m.Value, "resolved"))).ToList();
        var categories = d.GetProperty("byCategory").EnumerateObject().Select(c => (Registered: N(c.Value, "registered"), Resolved: N(c.Value, "resolved"))).ToList();
        var villages = d.GetProperty("byRegion").EnumerateObject().Select(c => (Registered: N(c.Value, "registered"), Resolved: N(c.Value, "resolved"))).ToList();
        foreach (var (chart, cells) in new[] { (charts[0], months), (charts[1], categories), (charts[2], villages) })
        {
            // one drawn bar per published count of 3 or more; an empty bar labelled "<3" for each 1 or 2
            Assert.Equal(cells.Count(c => c.Registered >= 3), Bars(chart, ReportCharts.RegisteredColor));
            Assert.Equal(cells.Count(c => c.Resolved >= 3), Bars(chart, ReportCharts.ResolvedColor));
            Assert.Equal(cells.Sum(c => (c.Registered is 1 or 2 ? 1 : 0) + (c.Resolved is 1 or 2 ? 1 : 0)), Texts(chart).Count(t => t == "<3"));
        }
        Assert.True(Bars(charts[0], ReportCharts.RegisteredColor) >= 6, "most months have 3 or more disputes");
        var concluded = N(p, "concluded");
        var onTime = N(p, "concludedOnTime");
        Assert.Equal(concluded >= 3 ? 1 : 0, Bars(charts[3], ReportCharts.ConcludedColor));
        Assert.Equal(onTime >= 3 ? 1 : 0, Bars(charts[3], ReportCharts.OnTimeColor));
        Assert.Equal(concluded - onTime >= 3 ? 1 : 0, Bars(charts[3], ReportCharts.LateColor));

        // the labels are the Chinese names as written (not the Kangxi radicals SkiaSharp's glyph mapping would give: ⾥ for 里)
        Assert.Contains("1月", Texts(charts[0]));
        Assert.Contains("邻里纠纷", Texts(charts[1]));
        Assert.Contains("长岭村", Texts(charts[2]));
        Assert.Contains("按期办结", Texts(charts[3]));
        Assert.All(charts.SelectMany(Texts), t => Assert.DoesNotContain(t, c => c is >= '\u2E80' and < '\u3400'));
    }

    /// <summary>Rectangles of a series' colour with an area: the drawn bars.</summary>
    public static int Bars(XElement chart, string color) => chart.Descendants(Svg + "rect").Count(r =>
        string.Equals((string?)r.Attribute("fill"), color, StringComparison.OrdinalIgnoreCase)
        && double.Parse((string?)r.Attribute("width") ?? "0", CultureInfo.InvariantCulture) > 0.5
        && double.Parse((string?)r.Attribute("height") ?? "0", CultureInfo.InvariantCulture) > 0.5);

    private static List<string> Texts(XElement chart) => chart.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();

    [Fact]
    public async Task The_page_keeps_the_access_rules_of_the_snapshot()
    {
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, ["muer"]));
        var own = await supervisor.GetAsync($"/api/reports/annual/{Year}?regionCode=muer&format=html");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("text/html; charset=utf-8", own.Content.Headers.ContentType?.ToString());
        using var other = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, ["gulu"]));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/reports/annual/{Year}?regionCode=muer&format=html")).StatusCode);
        using var village = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, ["muer-v01"]));
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/api/reports/annual/{Year}?regionCode=muer&format=html")).StatusCode);
        using var anonymous = _f.CreateClient();
        await AuthAssertions.RejectsBadTokensAsync(anonymous, $"/api/reports/annual/{Year}?regionCode=muer&format=html");
        using var statistician = Statistician();
        var bad = await statistician.GetAsync($"/api/reports/annual/{Year}?regionCode=muer&format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("html", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_description_names_format_html_and_every_operation_has_a_summary_and_a_description()
    {
        using var client = _f.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var latest = doc.GetProperty("paths").GetProperty("/api/reports/annual/{year}").GetProperty("get");
        Assert.Contains("format=html", latest.GetProperty("description").GetString());
        Assert.Contains("html", latest.GetProperty("summary").GetString());
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path.Name}: no summary");
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("description").GetString()), $"{operation.Name} {path.Name}: no description");
            }
    }

    [Fact]
    public async Task The_xlsx_has_one_sheet_per_table_with_Chinese_headings_and_the_page_s_cells()
    {
        using var client = Statistician();
        var bytes = await client.GetByteArrayAsync($"/api/reports/annual/{Year}?regionCode=muer&format=xlsx");
        using var stream = new MemoryStream(bytes);
        Assert.Equal([$"{Year}", "矛盾纠纷按类别", "矛盾纠纷按村（社区）", "矛盾纠纷按来源", "矛盾纠纷按月", "信访事项办理情况"], stream.GetSheetNames());

        // the first sheet is still every figure as metric/label/value, the monthly ones included
        var figures = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>()
            .ToDictionary(r => (string)r["metric"], r => r);
        Assert.Equal("矛盾纠纷·按月·3月·受理", figures["disputes.byMonth.03.registered"]["label"]);

        var page = await PageAsync();
        foreach (var table in page.Descendants("table"))
        {
            var title = table.Element("caption")!.Value;
            var headings = Headings(table);
            var sheet = stream.Query(useHeaderRow: true, sheetName: title, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
            Assert.All(sheet, row => Assert.Equal(headings, row.Keys.ToArray()));
            var cells = sheet.Select(row => row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray()).ToList();
            Assert.Equal(Rows(table, "tbody").Concat(Rows(table, "tfoot")), cells);
        }
    }
}
