using System.Globalization;
using System.Text.Json;
using System.Text;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Figures;
using MiniExcelLibs;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// The published exports of a snapshot (CSV, XLSX, Markdown). Small cells are suppressed here (ADR 0008): a count of
/// 1 or 2 is shown as "&lt;3"; a rate whose denominator is 1 or 2, and the amounts/people of fewer than 3 registered
/// disputes, likewise. The JSON form for authorised roles stays exact.
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

    public static byte[] Xlsx(AnnualSnapshot s)
    {
        var rows = Rows(AnnualReportJob.FiguresOf(s)).Select(r => new Dictionary<string, object>
        {
            ["metric"] = r.Metric, ["label"] = r.Label, ["value"] = r.Value,
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: $"{s.Year}", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The report section in Chinese, in the phrasing of a township's annual rule-of-law report.</summary>
    public static string Markdown(AnnualSnapshot s)
    {
        var f = AnnualReportJob.FiguresOf(s);
        var names = AnnualReportJob.RegionNamesOf(s);
        var d = f.Disputes;
        var p = f.Petitions;
        var place = s.RegionName ?? "全辖区";
        var y = s.Year;
        var md = new StringBuilder();
        md.Append($"## {y} 年{place}矛盾纠纷化解和信访工作情况\n\n");
        var rate = d.SuccessRate is { } r && !IsSmall(d.Resolved + d.Unresolved)
            ? $"，调解成功率 {(r * 100).ToString("0.#", CultureInfo.InvariantCulture)}%" : "";
        var money = IsSmall(d.Registered) ? Suppressed : d.AmountInvolved.ToString("0.##", CultureInfo.InvariantCulture);
        var people = IsSmall(d.Registered) ? Suppressed : d.PeopleInvolved.ToString(CultureInfo.InvariantCulture);
        md.Append($"一是坚持依法依规化解矛盾纠纷。{y} 年{place}共受理各类矛盾纠纷 {Count(d.Registered)} 起，涉及金额 {money} 元、群众 {people} 人；");
        md.Append($"{y} 年{place}共化解各类矛盾纠纷 {Count(d.Resolved)} 起{rate}，防止矛盾纠纷激化 {Count(d.EscalationPrevented)} 起，");
        md.Append($"未能调解成功 {Count(d.Unresolved)} 起，撤回 {Count(d.Withdrawn)} 起，移交有关部门 {Count(d.Transferred)} 起，");
        md.Append($"组织调解 {Count(f.Sessions.Held)} 场，在岗调解员 {Count(f.Mediators.Active)} 名，切实守好矛盾纠纷化解第一防线。\n\n");
        md.Append($"二是持续维护社会和谐稳定。持续排查重大风险，建立风险清单 {Count(f.RiskItems.Opened)} 个，并建立台账，逐一销号 {Count(f.RiskItems.Closed)} 个。");
        md.Append($"{y} 年受理信访事项 {Count(p.Registered)} 件，按期办结 {Count(p.ConcludedOnTime)} 件，");
        md.Append($"{y} 年成功办结信访事项 {Count(p.Concluded)} 件。\n\n");

        md.Append("### 矛盾纠纷按类别\n\n| 类别 | 受理（起） | 化解（起） |\n| --- | ---: | ---: |\n");
        foreach (var (key, c) in d.ByCategory)
            md.Append($"| {ChineseNames.Category(key)} | {Count(c.Registered)} | {Count(c.Resolved)} |\n");
        md.Append($"| 合计 | {Count(d.Registered)} | {Count(d.Resolved)} |\n\n");

        md.Append("### 矛盾纠纷按村（社区）\n\n| 村（社区） | 受理（起） | 化解（起） |\n| --- | ---: | ---: |\n");
        foreach (var (code, c) in d.ByRegion.OrderBy(kv => names.GetValueOrDefault(kv.Key, kv.Key), StringComparer.Ordinal))
            md.Append($"| {names.GetValueOrDefault(code, code)} | {Count(c.Registered)} | {Count(c.Resolved)} |\n");
        md.Append($"| 合计 | {Count(d.Registered)} | {Count(d.Resolved)} |\n");

        if (f.Referrals.Count > 0)
        {
            md.Append("\n### 移交办理（按部门）\n\n| 部门 | 移交 | 接收 | 退回 | 办结 |\n| --- | ---: | ---: | ---: | ---: |\n");
            foreach (var (agency, a) in f.Referrals)
                md.Append($"| {ChineseNames.Agency(agency)} | {Count(a.Made)} | {Count(a.Accepted)} | {Count(a.Declined)} | {Count(a.Completed)} |\n");
        }
        md.Append($"\n注：数据截至 {s.GeneratedAt.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm}（北京时间）；不足 3 起（件）的数字以“<3”表示。\n");
        return md.ToString();
    }
}
