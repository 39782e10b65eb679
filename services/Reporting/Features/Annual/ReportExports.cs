using System.Globalization;
using System.Text;
using System.Text.Json;
using MediationPlatform.Reporting.Features.Figures;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// The published exports of a snapshot (CSV, XLSX, Markdown; the HTML page is <see cref="ReportPage"/>). Small cells
/// are suppressed here (ADR 0008): a count of 1 or 2 is shown as "&lt;3"; a rate whose denominator is 1 or 2, and the
/// amounts/people of fewer than 3 registered disputes, likewise. The JSON form for authorised roles stays exact.
/// </summary>
public static class ReportExports
{
    public const string Suppressed = "<3";

    public static bool IsSmall(int n) => n is > 0 and < 3;

    public static string Count(int n) => IsSmall(n) ? Suppressed : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every figure as (path, label, value), suppression applied; the order of the figures object.</summary>
    public static IReadOnlyList<ExportRow> Rows(FigureSet figures)
    {
        var json = JsonSerializer.SerializeToElement(figures, SnapshotJson.Options);
        var rows = new List<ExportRow>();
        Walk(json, "", rows);
        var d = figures.Disputes;
        var p = figures.Petitions;
        return rows.Select(r => r.Metric switch
        {
            "disputes.successRate" when IsSmall(d.Resolved + d.Unresolved) => r with { Value = Suppressed },
            "petitions.onTimeRate" when IsSmall(p.Concluded) => r with { Value = Suppressed },
            "disputes.amountInvolved" or "disputes.peopleInvolved" when IsSmall(d.Registered) => r with { Value = Suppressed },
            _ when r.Value is int n && IsSmall(n) => r with { Value = Suppressed },
            _ => r,
        }).ToList();
    }

    private static void Walk(JsonElement e, string path, List<ExportRow> rows)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", rows);
                break;
            case JsonValueKind.Number:
                var leaf = path[(path.LastIndexOf('.') + 1)..];
                object value = leaf is "successRate" or "onTimeRate" ? (object)e.GetDouble()
                    : leaf == "amountInvolved" ? (object)e.GetDecimal()
                    : (object)e.GetInt32();
                rows.Add(new ExportRow(path, ChineseNames.Label(path), value));
                break;
            case JsonValueKind.Null:
                rows.Add(new ExportRow(path, ChineseNames.Label(path), ""));
                break;
        }
    }

    private static string Text(object v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";

    public static byte[] Csv(AnnualSnapshot s)
    {
        var rows = Rows(AnnualReportJob.FiguresOf(s)).Select(r => new Dictionary<string, object>
        {
            ["metric"] = r.Metric, ["label"] = r.Label, ["value"] = Text(r.Value),
        }).ToList();
        using var stream = new MemoryStream();
        // UTF-8 with BOM so that spreadsheet programs read the Chinese labels correctly; quoting is MiniExcel's
        stream.Write(Encoding.UTF8.GetPreamble());
        stream.SaveAs(rows, excelType: ExcelType.CSV, configuration: new MiniExcelLibs.Csv.CsvConfiguration { NewLine = "\r\n" });
        return stream.ToArray();
    }

    /// <summary>
    /// The first sheet holds every figure as metric/label/value rows (the CSV's rows, numbers as numbers); then one
    /// formatted sheet per table of the report (<see cref="ReportTables"/>), named by its Chinese title, with Chinese
    /// headings, a frozen header row and column widths that fit Chinese labels.
    /// </summary>
    public static byte[] Xlsx(AnnualSnapshot s)
    {
        var figures = AnnualReportJob.FiguresOf(s);
        var rows = Rows(figures).Select(r => new Dictionary<string, object>
        {
            ["metric"] = r.Metric, ["label"] = r.Label, ["value"] = r.Value,
        }).ToList();
        var sheets = new Dictionary<string, object> { [$"{s.Year}"] = rows };
        // MiniExcel sets column widths by column key, across sheets: the first column of a table holds the labels
        var widths = new Dictionary<string, double> { ["metric"] = 44, ["label"] = 36, ["value"] = 14 };
        foreach (var table in ReportTables.Of(figures, AnnualReportJob.RegionNamesOf(s)))
        {
            sheets[table.Title] = SheetRows(table);
            for (var i = 0; i < table.Headings.Count; i++) widths.TryAdd(table.Headings[i], i == 0 ? 24 : 14);
        }
        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.Default,
            AutoFilter = false,
            FreezeRowCount = 1,
            DynamicColumns = widths.Select(w => new DynamicExcelColumn(w.Key) { Width = w.Value }).ToArray(),
            StyleOptions = new OpenXmlStyleOptions
            {
                HeaderStyle = new OpenXmlHeaderStyle
                {
                    BackgroundColor = System.Drawing.Color.FromArgb(0xDD, 0xE6, 0xF0),
                    HorizontalAlignment = HorizontalCellAlignment.Center,
                },
            },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    /// <summary>A table as sheet rows: one dictionary per row, keyed by the Chinese headings (the header row); the total last.</summary>
    private static List<Dictionary<string, object>> SheetRows(ReportTable table)
    {
        var rows = table.Total is null ? table.Rows : [.. table.Rows, table.Total];
        return rows.Select(row => table.Headings.Select((h, i) => (h, cell: row[i])).ToDictionary(x => x.h, x => x.cell)).ToList();
    }

    /// <summary>The report section in Chinese, in the phrasing of a township's annual rule-of-law report.</summary>
    public static string Markdown(AnnualSnapshot s)
    {
        var f = AnnualReportJob.FiguresOf(s);
        var md = new StringBuilder();
        md.Append($"## {ReportText.Heading(s)}\n\n");
        foreach (var paragraph in ReportText.Paragraphs(s, f)) md.Append(paragraph).Append("\n\n");
        var tables = ReportTables.Of(f, AnnualReportJob.RegionNamesOf(s))
            .Where(t => t.Key is ReportTables.ByCategory or ReportTables.ByRegion or ReportTables.Referrals);
        md.Append(string.Join("\n", tables.Select(MarkdownTable)));
        md.Append($"\n{ReportText.Note(s)}\n");
        return md.ToString();
    }

    private static string MarkdownTable(ReportTable t)
    {
        var md = new StringBuilder($"### {t.Title}\n\n");
        md.Append($"| {string.Join(" | ", t.Headings)} |\n");
        md.Append($"| --- |{string.Concat(Enumerable.Repeat(" ---: |", t.Headings.Count - 1))}\n");
        foreach (var row in t.Total is null ? t.Rows : [.. t.Rows, t.Total])
            md.Append($"| {string.Join(" | ", row.Select(Text))} |\n");
        return md.ToString();
    }
}
