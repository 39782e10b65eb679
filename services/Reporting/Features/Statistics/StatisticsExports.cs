using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Xml.Linq;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Features.Annual;
using MediationPlatform.ServiceDefaults.Web;
using MiniExcelLibs;

namespace MediationPlatform.Reporting.Features.Statistics;

/// <summary>
/// The form as the paper has it (ADR 0021): a row per village or town and per category (合计 first), the columns under
/// their Chinese headings, grouped headings spanning their sub-columns — CSV (UTF-8 with BOM, the two heading rows),
/// XLSX (the same, with the grouped heading cells merged) and printable A4 landscape HTML. <c>published</c> suppresses
/// counts of 1 and 2 as "&lt;3" (as the annual exports do); the amounts and rates of a suppressed count go too.
/// </summary>
public static class StatisticsExports
{
    /// <summary>One column: its group heading (null: a single column spanning both heading rows), its heading, its value.</summary>
    private sealed record Column(string? Group, string Heading, Func<StatisticsColumns, object?> Value, bool Count = true);

    private static readonly Column[] Columns =
    [
        new(null, "受理", c => c.Registered),
        new(null, "调解成功", c => c.Resolved),
        new(null, "调解不成功", c => c.Unresolved),
        new(null, "成功率", c => c.SuccessRate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "", Count: false),
        new(null, "协议涉及金额（元）", c => c.AmountAgreed, Count: false),
        new("协议形式", "口头", c => c.OralAgreements),
        new("协议形式", "书面", c => c.WrittenAgreements),
        new(null, "自动履行", c => c.Performed),
        new("司法确认", "申请", c => c.JudicialConfirmationApplied),
        new("司法确认", "确认", c => c.JudicialConfirmed),
        new(null, "当事人数", c => c.Parties),
        new("案件来源", "主动调解", c => c.SourceScreening),
        new("案件来源", "申请调解", c => c.SourceApplication),
        new("案件来源", "接受委托移送调解", c => c.SourceEntrusted),
        new("防止民间纠纷转化为刑事案件", "件", c => c.PreventedCriminalCaseCases),
        new("防止民间纠纷转化为刑事案件", "人", c => c.PreventedCriminalCasePersons),
        new("防止群体性上访", "件", c => c.PreventedGroupPetitionCases),
        new("防止群体性上访", "人", c => c.PreventedGroupPetitionPersons),
        new("防止群体性械斗", "件", c => c.PreventedGroupFightCases),
        new("防止群体性械斗", "人", c => c.PreventedGroupFightPersons),
        new("防止自杀", "件", c => c.PreventedSuicideCases),
        new("防止自杀", "人", c => c.PreventedSuicidePersons),
    ];

    private static readonly string[] Leading = ["单位", "纠纷类型"];

    /// <summary>The body lines: per row (then the total), 合计 and every category.</summary>
    private static IEnumerable<(string Unit, string Category, StatisticsColumns Cells)> Lines(StatisticsReport r)
    {
        foreach (var (unit, cells) in r.Rows.Select(x => (x.Name, x.Columns)).Append(($"{r.RegionName}合计", r.Total.Columns)))
        {
            yield return (unit, "合计", cells.Total);
            foreach (var (category, name) in Categories) yield return (unit, name, cells.ByCategory[category]);
        }
    }

    private static readonly (string Key, string Name)[] Categories =
        Enum.GetValues<DisputeCategory>().Select(c => (SnakeEnum.Name(c), ChineseNames.Category(SnakeEnum.Name(c)))).ToArray();

    private static object?[] Values(StatisticsColumns c, bool published) => Columns.Select(col =>
    {
        var v = col.Value(c);
        if (!published) return v;
        if (col.Count && v is int n && ReportExports.IsSmall(n)) return ReportExports.Suppressed;
        // a rate or an amount of fewer than 3 cases would tell what the count hides
        if (!col.Count && (ReportExports.IsSmall(c.Resolved + c.Unresolved) || ReportExports.IsSmall(c.Resolved))) return v is "" ? "" : ReportExports.Suppressed;
        return v;
    }).ToArray();

    private static string Title(StatisticsReport r) => $"{r.RegionName}人民调解工作统计表（{r.Period.From} 至 {r.Period.To}，不含 {r.Period.To}）";

    public static byte[] Csv(StatisticsReport r, bool published)
    {
        var b = new StringBuilder();
        void Line(IEnumerable<object?> cells) => b.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        Line([.. Leading, .. Columns.Select(c => c.Group ?? c.Heading)]);
        Line([.. Leading.Select(_ => ""), .. Columns.Select(c => c.Group is null ? "" : c.Heading)]);
        foreach (var (unit, category, cells) in Lines(r)) Line([unit, category, .. Values(cells, published)]);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(b.ToString())];
    }

    private static string Quote(object? v)
    {
        var s = Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
    }

    public static byte[] Xlsx(StatisticsReport r, bool published)
    {
        // rows as lists keyed by column letter: the title, two heading rows, then the body; MiniExcel writes the values,
        // the merged cells are added to the sheet afterwards (MiniExcel has no merge for plain writes)
        var width = Leading.Length + Columns.Length;
        string Letter(int i) => i < 26 ? ((char)('A' + i)).ToString() : $"{(char)('A' + i / 26 - 1)}{(char)('A' + i % 26)}";
        Dictionary<string, object?> Row(IEnumerable<object?> cells) =>
            cells.Select((v, i) => (Letter(i), v)).ToDictionary(x => x.Item1, x => x.v);
        var rows = new List<Dictionary<string, object?>>
        {
            Row([Title(r), .. Enumerable.Repeat<object?>(null, width - 1)]),
            Row([.. Leading, .. Columns.Select(c => c.Group ?? c.Heading)]),
            Row([.. Leading.Select(_ => (object?)null), .. Columns.Select(c => c.Group is null ? null : c.Heading)]),
        };
        rows.AddRange(Lines(r).Select(l => Row([l.Unit, l.Category, .. Values(l.Cells, published)])));
        using var written = new MemoryStream();
        written.SaveAs(rows, printHeader: false, sheetName: "统计表", excelType: ExcelType.XLSX);

        // the merges: the title across the sheet; a single column's heading down both heading rows; a group's heading
        // across its sub-columns; each unit's name down its 16 lines
        var merges = new List<string> { $"A1:{Letter(width - 1)}1" };
        for (var i = 0; i < Leading.Length; i++) merges.Add($"{Letter(i)}2:{Letter(i)}3");
        for (var i = 0; i < Columns.Length;)
        {
            var col = Leading.Length + i;
            if (Columns[i].Group is null) { merges.Add($"{Letter(col)}2:{Letter(col)}3"); i++; continue; }
            var span = Columns.Skip(i).TakeWhile(c => c.Group == Columns[i].Group).Count();
            merges.Add($"{Letter(col)}2:{Letter(col + span - 1)}2");
            i += span;
        }
        var perUnit = Categories.Length + 1;
        for (var u = 0; u < r.Rows.Count + 1; u++) merges.Add($"A{4 + u * perUnit}:A{3 + (u + 1) * perUnit}");
        return WithMerges(written.ToArray(), merges);
    }

    private static byte[] WithMerges(byte[] xlsx, IReadOnlyList<string> merges)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
            XDocument sheet;
            using (var read = entry.Open()) sheet = XDocument.Load(read);
            XNamespace ns = sheet.Root!.Name.Namespace;
            var mergeCells = new XElement(ns + "mergeCells", new XAttribute("count", merges.Count), merges.Select(m => new XElement(ns + "mergeCell", new XAttribute("ref", m))));
            sheet.Root.Element(ns + "sheetData")!.AddAfterSelf(mergeCells); // mergeCells follows sheetData (ECMA-376 order)
            var name = entry.FullName;
            entry.Delete();
            using var write = zip.CreateEntry(name).Open();
            sheet.Save(write);
        }
        return stream.ToArray();
    }

    public static string Html(StatisticsReport r, bool published)
    {
        string E(object? v) => WebUtility.HtmlEncode(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");
        var b = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
        b.Append(E(Title(r))).Append("</title><style>")
            .Append("@page{size:A4 landscape;margin:12mm}body{font-family:\"Noto Sans CJK SC\",sans-serif;font-size:8pt}")
            .Append("h1{font-size:14pt;text-align:center}table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:1px 3px;text-align:center}")
            .Append("tbody tr.total td{font-weight:bold;background:#f0f0f0}td.unit{font-weight:bold}thead{display:table-header-group}")
            .Append("</style></head><body><h1>").Append(E(Title(r))).Append("</h1><table><thead><tr>");
        foreach (var h in Leading) b.Append("<th rowspan=\"2\">").Append(E(h)).Append("</th>");
        for (var i = 0; i < Columns.Length;)
        {
            if (Columns[i].Group is null) { b.Append("<th rowspan=\"2\">").Append(E(Columns[i].Heading)).Append("</th>"); i++; continue; }
            var span = Columns.Skip(i).TakeWhile(c => c.Group == Columns[i].Group).Count();
            b.Append("<th colspan=\"").Append(span).Append("\">").Append(E(Columns[i].Group)).Append("</th>");
            i += span;
        }
        b.Append("</tr><tr>");
        foreach (var c in Columns.Where(c => c.Group is not null)) b.Append("<th>").Append(E(c.Heading)).Append("</th>");
        b.Append("</tr></thead><tbody>");
        var perUnit = Categories.Length + 1;
        var n = 0;
        foreach (var (unit, category, cells) in Lines(r))
        {
            b.Append(category == "合计" ? "<tr class=\"total\">" : "<tr>");
            if (n++ % perUnit == 0) b.Append("<td class=\"unit\" rowspan=\"").Append(perUnit).Append("\">").Append(E(unit)).Append("</td>");
            b.Append("<td>").Append(E(category)).Append("</td>");
            foreach (var v in Values(cells, published)) b.Append("<td>").Append(E(v)).Append("</td>");
            b.Append("</tr>");
        }
        b.Append("</tbody></table><p>").Append(published ? "公开版：小于3的数字以“&lt;3”表示。" : "内部报送版（不做小数抑制）。")
            .Append("口径见 ADR 0021。</p></body></html>");
        return b.ToString();
    }
}
