using System.Globalization;
using System.Text.RegularExpressions;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Features.Annual;
using MediationPlatform.TestKit;
using SkiaSharp;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// The report page as a browser shows it: headless Chromium loads the saved page (one self-contained file) and its
/// DOM has the four charts with their titles and bars and the report's Chinese sentence; its screenshot (A4 at 150 dpi)
/// has the bars painted in their colours. With MP_REPORT_SCREENSHOT=path the screenshot is kept there
/// (docs/images/annual-report.png is made so).
/// </summary>
[Collection(ReportPageCollection.Name)]
public sealed partial class ReportPageBrowserTests(ReportPageFixture fixture)
{
    private const int Year = ReportPageFixture.Year;

    [GeneratedRegex("<svg\\b[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();

    [GeneratedRegex("data-chart=\"([^\"]+)\"")]
    private static partial Regex ChartKey();

    [GeneratedRegex("<title\\b[^>]*>([^<]*)</title>")]
    private static partial Regex Title();

    [GeneratedRegex("<rect\\b[^>]*\\bfill=\"(#[0-9A-Fa-f]{6})\"[^>]*>")]
    private static partial Regex FilledRect();

    [GeneratedRegex("\\b(width|height)=\"([0-9.]+)\"")]
    private static partial Regex Size();

    private async Task<string> SavePageAsync(DirectoryInfo dir)
    {
        using var client = fixture.Factory.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        var html = await client.GetStringAsync($"/api/reports/annual/{Year}?regionCode=muer&format=html");
        var path = Path.Combine(dir.FullName, "annual-report.html");
        await File.WriteAllTextAsync(path, html);
        return new Uri(path).AbsoluteUri;
    }

    [Fact]
    public async Task Chromium_shows_the_four_charts_with_their_titles_and_bars_and_the_report_text()
    {
        var dir = Directory.CreateTempSubdirectory("mp-report-page-");
        try
        {
            var url = await SavePageAsync(dir);
            var dom = await HeadlessChromium.RunAsync(url, ["--dump-dom"], TimeSpan.FromSeconds(90));

            var resolved = fixture.Figures.GetProperty("disputes").GetProperty("resolved").GetInt32();
            var concluded = fixture.Figures.GetProperty("petitions").GetProperty("concluded").GetInt32();
            Assert.Contains($"{Year} 年木耳镇共化解各类矛盾纠纷 {resolved} 起", dom);
            Assert.Contains($"{Year} 年成功办结信访事项 {concluded} 件。", dom);

            var svgs = SvgElement().Matches(dom).Select(m => m.Value).ToList();
            Assert.Equal(4, svgs.Count);
            Assert.Equal([ReportCharts.ByMonth, ReportCharts.ByCategory, ReportCharts.ByRegion, ReportCharts.PetitionsOnTime],
                svgs.Select(s => ChartKey().Match(s).Groups[1].Value));
            var titles = svgs.Select(s => Title().Match(s).Groups[1].Value).ToList();
            Assert.Equal(["矛盾纠纷按月受理和化解情况", "矛盾纠纷按类别", "矛盾纠纷按村（社区）"], titles.Take(3));
            Assert.StartsWith("信访事项按期办结", titles[3]);
            foreach (var svg in svgs)
            {
                var bars = FilledRect().Matches(svg)
                    .Where(m => m.Groups[1].Value.ToUpperInvariant() is ReportCharts.RegisteredColor or ReportCharts.ResolvedColor or ReportCharts.LateColor)
                    .Count(m => Size().Matches(m.Value).All(s => double.Parse(s.Groups[2].Value, CultureInfo.InvariantCulture) > 0.5));
                Assert.True(bars > 0, $"no bars in {ChartKey().Match(svg).Groups[1].Value}");
            }
            Assert.Contains("长岭村", svgs[2]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_screenshot_of_the_page_has_the_bars_painted()
    {
        var dir = Directory.CreateTempSubdirectory("mp-report-page-");
        try
        {
            var url = await SavePageAsync(dir);
            var png = Path.Combine(dir.FullName, "annual-report.png");
            await HeadlessChromium.RunAsync(url, [$"--screenshot={png}", "--window-size=1240,1754", "--hide-scrollbars"], TimeSpan.FromSeconds(90));
            using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("no screenshot");
            Assert.Equal(1240, bitmap.Width);
            Assert.Equal(1754, bitmap.Height);
            int Painted(string hex)
            {
                var c = SKColor.Parse(hex);
                var n = 0;
                foreach (var p in bitmap.Pixels)
                    if (Math.Abs(p.Red - c.Red) + Math.Abs(p.Green - c.Green) + Math.Abs(p.Blue - c.Blue) < 24) n++;
                return n;
            }
            // the month chart (and the category chart below it) are on the first screen
            Assert.True(Painted(ReportCharts.RegisteredColor) > 2000, "受理 bars not painted");
            Assert.True(Painted(ReportCharts.ResolvedColor) > 2000, "化解 bars not painted");
            Assert.True(bitmap.Pixels.Count(p => p.Red < 80 && p.Green < 80 && p.Blue < 80) > 5000, "no text painted");
            if (Environment.GetEnvironmentVariable("MP_REPORT_SCREENSHOT") is { Length: > 0 } keep) File.Copy(png, keep, overwrite: true);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
