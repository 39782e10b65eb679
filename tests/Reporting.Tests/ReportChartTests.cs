using System.Globalization;
using System.Xml.Linq;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Features.Annual;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.Reporting.Features.Projections;

namespace MediationPlatform.Reporting.Tests;

/// <summary>The monthly figures and the charts without a database: CST month boundaries, the font and its fallback.</summary>
public sealed class ReportChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private static CaseFact Dispute(string village, DisputeCategory category, string received, string? resolved = null) => new()
    {
        CaseId = Guid.NewGuid(), Registered = true, Kind = CaseKind.Dispute, Category = category, RegionCode = village, TownCode = "muer",
        DistrictCode = "yubei", ReceivedAt = T(received), ResolvedAt = resolved is null ? null : T(resolved),
        Status = resolved is null ? CaseStatus.Registered : CaseStatus.Resolved, AgreementType = resolved is null ? null : AgreementType.Written,
    };

    private static readonly CaseFact[] Facts =
    [
        // 23:30 CST on 31 January is January; 00:30 CST on 1 February is still 31 January in UTC, yet February
        Dispute("muer-v13", DisputeCategory.Neighbourhood, "2021-01-31T23:30:00+08:00", "2021-02-01T00:30:00+08:00"),
        // resolved on 1 January of the next year (16:10 UTC on 31 December): not in this year's months
        Dispute("muer-v13", DisputeCategory.Neighbourhood, "2021-03-05T10:00:00+08:00", "2022-01-01T00:10:00+08:00"),
        // received in the year before, resolved in January
        Dispute("muer-v01", DisputeCategory.Contract, "2020-12-31T23:59:00+08:00", "2021-01-02T09:00:00+08:00"),
        Dispute("muer-v13", DisputeCategory.Neighbourhood, "2021-03-06T10:00:00+08:00"),
        Dispute("muer-v13", DisputeCategory.Neighbourhood, "2021-03-07T10:00:00+08:00"),
    ];

    [Fact]
    public void Disputes_count_in_the_CST_month_they_were_received_and_resolved_and_every_month_is_there()
    {
        var figures = FigureCalculator.Compute(2021, Facts, 0).Disputes;
        Assert.Equal(Enumerable.Range(1, 12).Select(m => m.ToString("00", CultureInfo.InvariantCulture)), figures.ByMonth.Keys);
        Assert.Equal(new MonthFigures(1, 1), figures.ByMonth["01"]);
        Assert.Equal(new MonthFigures(0, 1), figures.ByMonth["02"]);
        Assert.Equal(new MonthFigures(3, 0), figures.ByMonth["03"]);
        Assert.All(figures.ByMonth.Where(m => m.Key is not ("01" or "02" or "03")), m => Assert.Equal(new MonthFigures(0, 0), m.Value));
        Assert.Equal(figures.Registered, figures.ByMonth.Values.Sum(m => m.Registered));
        Assert.Equal(figures.Resolved, figures.ByMonth.Values.Sum(m => m.Resolved));
        Assert.Equal(new MonthFigures(0, 1), FigureCalculator.Compute(2022, Facts, 0).Disputes.ByMonth["01"]);
    }

    [Fact]
    public void The_charts_are_drawn_in_an_installed_Chinese_font_and_keep_the_labels_as_written()
    {
        var font = ChartFont.Installed;
        Assert.True(font.HasCjk, "no Chinese font for the charts: run deploy/ensure-desk-tools.sh as root (./test.sh does)");
        Assert.Equal("Noto Sans CJK SC", font.Family);
        var figures = FigureCalculator.Compute(2021, Facts, 0);
        var charts = ReportCharts.Of(figures, new Dictionary<string, string> { ["muer-v13"] = "长岭村", ["muer-v01"] = "金刚村" }, font);
        var texts = charts.ToDictionary(c => c.Key, c => XElement.Parse(c.Svg).Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList());
        Assert.Contains("邻里纠纷", texts[ReportCharts.ByCategory]); // 里 shares its glyph with the radical ⾥ (U+2F65)
        Assert.Contains("长岭村", texts[ReportCharts.ByRegion]);
        Assert.Contains("12月", texts[ReportCharts.ByMonth]);
        Assert.Contains("未按期办结", texts[ReportCharts.PetitionsOnTime]);
        Assert.Contains("<3", texts[ReportCharts.ByRegion]); // 长岭村 resolved 1 (of 4 received): its bar is "<3", not 1
        Assert.All(texts.Values.SelectMany(t => t), t => Assert.DoesNotContain(t, c => c is >= '\u2E80' and < '\u3400'));
        Assert.All(charts, c => Assert.Empty(c.NumberedLabels));
    }

    [Fact]
    public void Without_a_Chinese_font_the_bars_are_numbered_and_the_numbers_named_on_the_page()
    {
        var figures = FigureCalculator.Compute(2021, Facts, 0);
        var names = new Dictionary<string, string> { ["muer-v13"] = "长岭村", ["muer-v01"] = "金刚村" };
        var charts = ReportCharts.Of(figures, names, new ChartFont("DejaVu Sans", HasCjk: false)).ToDictionary(c => c.Key);
        Assert.Equal(["邻里纠纷", "合同纠纷"], charts[ReportCharts.ByCategory].NumberedLabels);
        Assert.Equal(["金刚村", "长岭村"], charts[ReportCharts.ByRegion].NumberedLabels);
        Assert.Empty(charts[ReportCharts.ByMonth].NumberedLabels); // months read as 1–12
        var categoryTexts = XElement.Parse(charts[ReportCharts.ByCategory].Svg).Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains("1", categoryTexts);
        Assert.Contains("2", categoryTexts);
        Assert.DoesNotContain(categoryTexts, t => t.Any(c => c >= '\u2E80'));

        var snapshot = new AnnualSnapshot
        {
            Id = Guid.NewGuid(), Year = 2021, RegionCode = "muer", RegionName = "木耳镇", GeneratedAt = DateTimeOffset.UtcNow, Trigger = "api",
            Figures = System.Text.Json.JsonSerializer.Serialize(figures, SnapshotJson.Options),
            RegionNames = System.Text.Json.JsonSerializer.Serialize(names, SnapshotJson.Options),
        };
        var page = ReportPageTests.ParseHtml(ReportPage.Html(snapshot, new ChartFont("DejaVu Sans", HasCjk: false)));
        var region = page.Descendants("figure").Single(f => (string?)f.Attribute("id") == $"chart-{ReportCharts.ByRegion}");
        Assert.Equal(["金刚村", "长岭村"], region.Element("ol")!.Elements("li").Select(li => li.Value));
        Assert.Contains(page.Descendants("p"), p => p.Value.Contains("服务器缺少中文字体", StringComparison.Ordinal));
    }
}
