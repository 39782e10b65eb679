using System.Globalization;
using System.Xml.Linq;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Features.Figures;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// The charts of the report page (four, and a fifth — the disputes agencies handed in — when there were any), drawn with ScottPlot and written as SVG to be inlined in the HTML: disputes by
/// month, by category and by village (受理 and 化解 side by side), and the petitions concluded on time. Published
/// figures: a count of 1 or 2 is not drawn — its bar is empty and labelled "&lt;3" (ADR 0008), like every cell of the
/// tables. Titles and legends are the page's (HTML text in the browser's fonts); the SVG holds the bars, the axes and
/// the bar labels, and its own &lt;title&gt;.
/// </summary>
public static class ReportCharts
{
    public const string ByMonth = "byMonth";
    public const string ByCategory = "byCategory";
    public const string ByRegion = "byRegion";
    public const string PetitionsOnTime = "petitionsOnTime";
    public const string Intake = "intake";

    public const string RegisteredColor = "#4E79A7";
    public const string ResolvedColor = "#59A14F";
    public const string ConcludedColor = "#4E79A7";
    public const string OnTimeColor = "#59A14F";
    public const string LateColor = "#E15759";

    /// <summary>The width the charts are drawn at (px); the page scales them to its own width through the viewBox.</summary>
    public const int Width = 720;

    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private sealed record BarGroup(string Label, IReadOnlyList<(int Value, string Color)> Bars);

    public static IReadOnlyList<ReportChart> Of(FigureSet f, IReadOnlyDictionary<string, string> regionNames, ChartFont font)
    {
        var d = f.Disputes;
        var p = f.Petitions;
        IReadOnlyList<ChartLegendItem> disputesLegend = [new("受理", RegisteredColor), new("化解", ResolvedColor)];
        BarGroup Pair(string label, int registered, int resolved) => new(label, [(registered, RegisteredColor), (resolved, ResolvedColor)]);

        var months = ReportTables.Months(d).Select(kv => Pair(ChineseNames.Month(kv.Key), kv.Value.Registered, kv.Value.Resolved)).ToList();
        var categories = ReportTables.InOrder<DisputeCategory, CategoryFigures>(d.ByCategory)
            .Select(kv => Pair(ChineseNames.Category(kv.Key), kv.Value.Registered, kv.Value.Resolved)).ToList();
        var villages = ReportTables.Villages(d)
            .Select(kv => Pair(regionNames.GetValueOrDefault(kv.Key, kv.Key), kv.Value.Registered, kv.Value.Resolved)).ToList();
        List<BarGroup> petitions =
        [
            new("办结", [(p.Concluded, ConcludedColor)]),
            new("按期办结", [(p.ConcludedOnTime, OnTimeColor)]),
            new("未按期办结", [(p.Concluded - p.ConcludedOnTime, LateColor)]),
        ];
        var intake = f.IntakeByAgency;
        IReadOnlyList<ReportChart> intakeChart = intake.Values.Any(i => i != IntakeFigures.None)
            ? [Draw(Intake, "部门移交调解（三调对接）：接收和化解", intake.Select(kv => Pair(ChineseNames.Agency(kv.Key), kv.Value.Received, kv.Value.Resolved)).ToList(),
                [new("接收", RegisteredColor), new("化解", ResolvedColor)], horizontal: true, font, numbered: !font.HasCjk)]
            : [];
        return
        [
            Draw(ByMonth, "矛盾纠纷按月受理和化解情况", months, disputesLegend, horizontal: false, font,
                // months read as 1–12 in any font
                numbered: false),
            Draw(ByCategory, "矛盾纠纷按类别", categories, disputesLegend, horizontal: true, font, numbered: !font.HasCjk),
            Draw(ByRegion, "矛盾纠纷按村（社区）", villages, disputesLegend, horizontal: true, font, numbered: !font.HasCjk),
            Draw(PetitionsOnTime, $"信访事项按期办结（按期办结率 {ReportTables.Percent(p.OnTimeRate, p.Concluded)}）", petitions,
                [new("办结", ConcludedColor), new("按期办结", OnTimeColor), new("未按期办结", LateColor)], horizontal: false, font,
                numbered: !font.HasCjk),
            .. intakeChart,
        ];
    }

    private static ReportChart Draw(string key, string title, IReadOnlyList<BarGroup> groups, IReadOnlyList<ChartLegendItem> legend,
        bool horizontal, ChartFont font, bool numbered)
    {
        var n = groups.Count;
        var perGroup = groups.Count == 0 ? 1 : groups.Max(g => g.Bars.Count);
        var height = horizontal ? Math.Max(160, 60 + n * (perGroup == 1 ? 30 : 44)) : 300;
        var labels = groups.Select((g, i) => numbered ? (i + 1).ToString(CultureInfo.InvariantCulture)
            : key == ByMonth && !font.HasCjk ? g.Label.TrimEnd('月') : g.Label).ToArray();

        var plot = new Plot();
        var bars = new List<Bar>();
        var width = 0.8 / perGroup;
        for (var i = 0; i < n; i++)
        {
            // vertical: left to right; horizontal: the first group on top
            var center = horizontal ? n - 1 - i : i;
            var group = groups[i].Bars;
            for (var j = 0; j < group.Count; j++)
            {
                var offset = (j - (group.Count - 1) / 2.0) * width;
                var (value, color) = group[j];
                var small = ReportExports.IsSmall(value);
                bars.Add(new Bar
                {
                    Position = center + (horizontal ? -offset : offset),
                    Value = small ? 0 : value,
                    Size = width * 0.92,
                    FillColor = Color.FromHex(color),
                    LineWidth = 0,
                    Label = small ? ReportExports.Suppressed : value > 0 ? value.ToString(CultureInfo.InvariantCulture) : "",
                    Orientation = horizontal ? Orientation.Horizontal : Orientation.Vertical,
                });
            }
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = horizontal;
        barPlot.ValueLabelStyle.FontSize = 11;
        barPlot.ValueLabelStyle.ForeColor = Color.FromHex("#333333");

        var top = Math.Max(3, groups.SelectMany(g => g.Bars).Where(b => !ReportExports.IsSmall(b.Value)).Select(b => b.Value).DefaultIfEmpty(0).Max()) * 1.15;
        var positions = Enumerable.Range(0, n).Select(i => (double)(horizontal ? n - 1 - i : i)).ToArray();
        var valueAxis = horizontal ? (IAxis)plot.Axes.Bottom : plot.Axes.Left;
        var labelAxis = horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        valueAxis.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        labelAxis.SetTicks(positions, labels);
        labelAxis.MajorTickStyle.Length = 0;
        if (horizontal)
        {
            plot.Axes.SetLimits(0, top, -0.6, Math.Max(n, 1) - 0.4);
            plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        }
        else
        {
            plot.Axes.SetLimits(-0.6, Math.Max(n, 1) - 0.4, 0, top);
            plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        }
        // after the plottables: the family applies to every text of the plot, the bar labels included
        plot.Font.Set(font.Family);
        barPlot.ValueLabelStyle.FontName = font.Family;

        var svg = Finish(plot.GetSvgXml(Width, height), key, title, Width, height, font, labels);
        return new ReportChart(key, title, svg, legend, numbered ? groups.Select(g => g.Label).ToList() : []);
    }

    /// <summary>
    /// The SVG as an inline element of the page: without the XML declaration, scalable (viewBox), with its title, and
    /// with its Chinese text as written. SkiaSharp writes text back from glyph ids, taking the lowest code point of a
    /// glyph — and Noto CJK shares glyphs between the ideographs and the radicals (里 and ⾥ U+2F65), so 里 would come
    /// back as a Kangxi radical: such code points are mapped back to the characters of the labels that share their glyph.
    /// </summary>
    private static string Finish(string svgXml, string key, string title, int width, int height, ChartFont font, IEnumerable<string> labels)
    {
        var root = XDocument.Parse(svgXml).Root ?? throw new InvalidOperationException("ScottPlot wrote no SVG.");
        root.SetAttributeValue("viewBox", $"0 0 {width} {height}");
        root.SetAttributeValue("class", "chart");
        root.SetAttributeValue("data-chart", key);
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue("aria-labelledby", $"chart-{key}-title");
        root.AddFirst(new XElement(SvgNs + "title", new XAttribute("id", $"chart-{key}-title"), title));
        var fixes = font.HasCjk ? SharedGlyphs(font.Family, labels) : [];
        if (fixes.Count > 0)
            foreach (var text in root.DescendantNodes().OfType<XText>())
            {
                var value = text.Value;
                if (value.Any(fixes.ContainsKey))
                    text.Value = string.Concat(value.Select(c => fixes.GetValueOrDefault(c, c)));
            }
        return root.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Code points below the ideographs (radicals, strokes, symbols) that share a glyph with a character of the labels → that character.</summary>
    private static Dictionary<char, char> SharedGlyphs(string family, IEnumerable<string> labels)
    {
        using var skFont = new SKFont(Fonts.GetTypeface(family, false, false));
        var byGlyph = new Dictionary<ushort, char>();
        foreach (var c in labels.SelectMany(l => l).Where(c => c >= '\u3400').Distinct())
            if (skFont.GetGlyph(c) is var glyph and > 0) byGlyph.TryAdd(glyph, c);
        var fixes = new Dictionary<char, char>();
        for (var c = '\u2E80'; c < '\u3400'; c++)
            if (skFont.GetGlyph(c) is var glyph and > 0 && byGlyph.TryGetValue(glyph, out var original)) fixes[c] = original;
        return fixes;
    }
}
