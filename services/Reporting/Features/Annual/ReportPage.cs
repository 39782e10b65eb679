using System.Globalization;
using System.Net;
using System.Text;
using MediationPlatform.Kernel;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// <c>format=html</c>: the snapshot as a printable page (A4) — the report section's text (<see cref="ReportText"/>, as in
/// the Markdown), the four charts as inline SVG (<see cref="ReportCharts"/>) and the tables (<see cref="ReportTables"/>),
/// small cells suppressed like every published export. One self-contained document: no script, no external file, so
/// it can be saved, mailed and printed as it is. The markup is also well-formed XML (tests parse it as such).
/// </summary>
public static class ReportPage
{
    /// <summary>The page's fonts, the chart text included: the first one the reader's machine has.</summary>
    public const string FontStack =
        "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", \"WenQuanYi Micro Hei\", sans-serif";

    private const string Css = """
        @page { size: A4; margin: 18mm 16mm 20mm 16mm; }
        html { font-family: FONTS; color: #222; font-size: 11pt; line-height: 1.7; background: #fff; }
        body { max-width: 180mm; margin: 0 auto; padding: 8mm 4mm; }
        h1 { font-size: 18pt; text-align: center; margin: 0 0 1mm; line-height: 1.4; }
        p.meta { text-align: center; color: #666; font-size: 9pt; margin: 0 0 6mm; }
        h2 { font-size: 13pt; border-bottom: 1px solid #999; margin: 8mm 0 3mm; break-after: avoid; page-break-after: avoid; }
        section.text p { text-indent: 2em; margin: 0 0 3mm; text-align: justify; }
        figure { margin: 0 0 7mm; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-weight: bold; margin-bottom: 1mm; }
        figcaption .legend { font-weight: normal; font-size: 9pt; margin-left: 1em; white-space: nowrap; }
        figcaption .swatch { margin: 0 0.2em 0 0.8em; }
        svg.chart { display: block; width: 100%; height: auto; }
        svg.chart text { font-family: FONTS; }
        ol.key { font-size: 9pt; margin: 1mm 0 0; padding-left: 2em; columns: 3; }
        p.chart-note { font-size: 9pt; color: #a33; margin: 1mm 0 0; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 7mm; font-size: 10pt; break-inside: avoid; page-break-inside: avoid; }
        caption { font-weight: bold; text-align: left; margin-bottom: 1mm; }
        th, td { border: 1px solid #999; padding: 0.8mm 2mm; }
        thead th { background: #eef2f7; text-align: center; }
        td { text-align: right; font-variant-numeric: tabular-nums; }
        tbody th, tfoot th { text-align: left; font-weight: normal; }
        tfoot th, tfoot td { font-weight: bold; }
        footer { font-size: 9pt; color: #555; border-top: 1px solid #ccc; padding-top: 2mm; }
        @media print { body { max-width: none; padding: 0; } }
        """;

    public static string Html(AnnualSnapshot s, ChartFont font)
    {
        var f = AnnualReportJob.FiguresOf(s);
        var names = AnnualReportJob.RegionNamesOf(s);
        var heading = ReportText.Heading(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append($"<title>{E(heading)}</title>\n<style>\n{Css.Replace("FONTS", FontStack, StringComparison.Ordinal)}\n</style>\n</head>\n<body>\n");

        var generated = s.GeneratedAt.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        html.Append($"<header>\n<h1>{E(heading)}</h1>\n<p class=\"meta\">{E(ReportText.Place(s))}")
            .Append(s.RegionCode is null ? "" : $"（{E(s.RegionCode)}）")
            .Append($" · 生成于 {generated}（北京时间） · 快照 <span class=\"snapshot\">{s.Id}</span></p>\n</header>\n");

        html.Append("<section class=\"text\">\n");
        foreach (var paragraph in ReportText.Paragraphs(s, f)) html.Append($"<p>{E(paragraph)}</p>\n");
        html.Append("</section>\n");

        html.Append("<section class=\"charts\">\n<h2>统计图</h2>\n");
        foreach (var chart in ReportCharts.Of(f, names, font))
        {
            html.Append($"<figure class=\"chart\" id=\"chart-{chart.Key}\">\n<figcaption>{E(chart.Title)}<span class=\"legend\">");
            foreach (var item in chart.Legend)
                html.Append($"<span class=\"swatch\" style=\"color: {item.Color}\">■</span>{E(item.Name)}");
            html.Append("</span></figcaption>\n").Append(chart.Svg).Append('\n');
            if (chart.NumberedLabels.Count > 0)
                html.Append("<ol class=\"key\">").Append(string.Concat(chart.NumberedLabels.Select(l => $"<li>{E(l)}</li>"))).Append("</ol>\n");
            if (chart.Key == ReportCharts.ByMonth && f.Disputes.ByMonth is null)
                html.Append("<p class=\"chart-note\">此快照生成于按月统计之前，无按月数据；重新生成快照即可。</p>\n");
            html.Append("</figure>\n");
        }
        if (!font.HasCjk)
            html.Append("<p class=\"chart-note\">服务器缺少中文字体，图中以序号代替名称（见各图下方）；数字以下表为准。</p>\n");
        html.Append("</section>\n");

        html.Append("<section class=\"tables\">\n<h2>统计表</h2>\n");
        foreach (var table in ReportTables.Of(f, names)) AppendTable(html, table);
        html.Append("</section>\n");

        html.Append($"<footer>\n<p class=\"note\">{E(ReportText.Note(s))}</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, ReportTable t)
    {
        static string Row(IReadOnlyList<object> row) =>
            $"<tr><th scope=\"row\">{E(Text(row[0]))}</th>{string.Concat(row.Skip(1).Select(c => $"<td>{E(Text(c))}</td>"))}</tr>\n";
        html.Append($"<table data-table=\"{t.Key}\">\n<caption>{E(t.Title)}</caption>\n<thead><tr>")
            .Append(string.Concat(t.Headings.Select(h => $"<th scope=\"col\">{E(h)}</th>")))
            .Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows) html.Append(Row(row));
        html.Append("</tbody>\n");
        if (t.Total is not null) html.Append("<tfoot>\n").Append(Row(t.Total)).Append("</tfoot>\n");
        html.Append("</table>\n");
    }

    private static string Text(object cell) => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
